import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ArenaPanel } from "@/features/results/ui/arena-panel";
import { BaselinePanel } from "@/features/results/ui/baseline-panel";
import { RatingPanel } from "@/features/results/ui/rating-panel";
import { QualityTables } from "@/features/results/ui/quality-tables";
import { getDb } from "@/platform/db";
import { studyExclusions, studyIdBySlug } from "@/features/studies";
import { ExclusionNotice } from "@/features/studies/ui/exclusion-notice";
import { requirePageRole } from "@/platform/auth/session";
import { ResultsFilters } from "@/features/results/ui/results-filters";
import { SnapshotStatus } from "@/features/results/ui/snapshot-status";
import {
  planHalfWidthSchema,
  resultFiltersSchema,
  resultsView,
  type DesignResults,
  type ResultFilters,
} from "@/features/results";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ResultsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}/results`);
  const db = await getDb();
  const studyId = await studyIdBySlug(db, slug);
  if (!studyId) notFound();
  const query = await searchParams;
  const parsed = resultFiltersSchema.safeParse(query);
  const filters: ResultFilters = parsed.success ? parsed.data : {};
  const planParsed = query.plan ? planHalfWidthSchema.safeParse(query.plan) : null;
  const plan = planParsed?.success ? planParsed.data : undefined;
  const exportHref = (kind: string, format: string) =>
    `/api/studies/${encodeURIComponent(slug)}/export?kind=${kind}&format=${format}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <Link href={`/studies/${slug}`} className="text-sm text-slate-500 hover:underline">
            ← {slug}
          </Link>
          <h1 className="text-2xl font-semibold">Results</h1>
        </div>
        <div className="flex flex-wrap gap-2 text-sm" data-testid="exports">
          {[
            ["judgments", "csv"],
            ["judgments", "jsonl"],
            ["summary", "csv"],
            ["summary", "jsonl"],
            ["flags", "csv"],
          ].map(([k, f]) => (
            <a
              key={`${k}-${f}`}
              href={exportHref(k, f)}
              className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
            >
              {k} .{f}
            </a>
          ))}
          <a
            href={`${exportHref("judgments", "csv")}&texts=1`}
            className="rounded border border-slate-300 bg-white px-2 py-1 hover:bg-slate-100"
          >
            judgments with texts .csv
          </a>
        </div>
      </div>
      <Suspense fallback={<p className="text-slate-500">Computing results…</p>}>
        <ResultsBody
          studyId={studyId}
          slug={slug}
          filters={filters}
          plan={plan}
          planError={planParsed && !planParsed.success ? planParsed.error.issues[0].message : undefined}
          invalidFilters={!parsed.success}
        />
      </Suspense>
    </div>
  );
}

async function ResultsBody(props: {
  studyId: number;
  slug: string;
  filters: ResultFilters;
  plan?: number;
  planError?: string;
  invalidFilters: boolean;
}) {
  const { studyId, slug, filters, plan } = props;
  const db = await getDb();
  const [view, excluded] = await Promise.all([
    resultsView(db, { studyId, slug, filters, plan }),
    studyExclusions(db, studyId),
  ]);
  if (!view) notFound();
  // While the first numbers are computed, the choices are the ones already made (so applying keeps them).
  const chosen = (v?: string) => (v ? [v] : []);
  const options =
    view.status === "computing"
      ? {
          groups: chosen(filters.group),
          categories: chosen(filters.category),
          sources: chosen(filters.source),
        }
      : view.results.options;
  return (
    <div className="space-y-6">
      <ResultsFilters
        filters={filters}
        options={options}
        plan={plan}
        planError={props.planError}
        invalidFilters={props.invalidFilters}
      />
      <SnapshotStatus view={view} />
      {excluded.length ? <ExclusionNotice excluded={excluded} /> : null}
      {view.status === "computing" ? null : <DesignPanels results={view.results} slug={slug} />}
    </div>
  );
}

function DesignPanels({ results: r, slug }: { results: DesignResults; slug: string }) {
  if (r.design === "rating") return <RatingPanel r={r.rating} slug={slug} />;
  if (r.design === "arena") return <ArenaPanel r={r.arena} slug={slug} />;
  const results = r.results;
  return (
    <div className="space-y-6">
      <div className="space-y-6">
        <BaselinePanel results={results} kind="human" slug={slug} />
        {results.judges.length === 0 ? (
          <BaselinePanel results={results} kind="judge" slug={slug} />
        ) : (
          results.judges.map((j) => (
            <BaselinePanel key={j.judge} results={results} kind="judge" judge={j.judge} slug={slug} />
          ))
        )}
      </div>
      <QualityTables r={results} />
    </div>
  );
}
