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
import {
  arenaResults,
  filterOptions,
  ratingResults,
  planHalfWidthSchema,
  resultFiltersSchema,
  studyResults,
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
  const options = await filterOptions(db, studyId);
  const exportHref = (kind: string, format: string) =>
    `/api/studies/${encodeURIComponent(slug)}/export?kind=${kind}&format=${format}`;
  const select = "rounded border border-slate-300 px-2 py-1 text-sm";
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
      <form
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm"
        data-testid="filters"
      >
        <FilterSelect label="Annotator group" name="group" value={filters.group} options={options.groups} />
        <FilterSelect
          label="Category"
          name="category"
          value={filters.category}
          options={options.categories}
        />
        <FilterSelect label="Source" name="source" value={filters.source} options={options.sources} />
        <label>
          From <input type="date" name="from" defaultValue={filters.from ?? ""} className={select} />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={filters.to ?? ""} className={select} />
        </label>
        <label>
          Plan for ±
          <input
            type="number"
            name="plan"
            min="0.005"
            max="0.5"
            step="0.005"
            placeholder="0.05"
            defaultValue={plan ?? ""}
            className={`${select} ml-1 w-24`}
          />
        </label>
        <button className="rounded bg-slate-900 px-3 py-1 text-white">Apply</button>
        {planParsed && !planParsed.success ? (
          <span className="text-red-700">
            Plan half-width: {planParsed.error.issues[0].message}; 0.05 used.
          </span>
        ) : null}
        {!parsed.success ? (
          <span className="text-red-700">Some filters were invalid and are ignored.</span>
        ) : null}
      </form>
      <Suspense fallback={<p className="text-slate-500">Computing results…</p>}>
        <ResultsBody slug={slug} filters={filters} plan={plan} />
      </Suspense>
    </div>
  );
}

function FilterSelect({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: string[];
}) {
  return (
    <label>
      {label}
      <select
        name={name}
        defaultValue={value ?? ""}
        className="ml-1 rounded border border-slate-300 px-2 py-1 text-sm"
      >
        <option value="">all</option>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

async function ResultsBody({ slug, filters, plan }: { slug: string; filters: ResultFilters; plan?: number }) {
  const db = await getDb();
  const excluded = await studyExclusions(db, (await studyIdBySlug(db, slug))!);
  return (
    <div className="space-y-6">
      {excluded.length ? <ExclusionNotice excluded={excluded} /> : null}
      <DesignResults slug={slug} filters={filters} plan={plan} />
    </div>
  );
}

async function DesignResults({
  slug,
  filters,
  plan,
}: {
  slug: string;
  filters: ResultFilters;
  plan?: number;
}) {
  const db = await getDb();
  const rating = await ratingResults(db, { slug, filters });
  if (rating) return <RatingPanel r={rating} slug={slug} />;
  const arena = await arenaResults(db, { slug, filters });
  if (arena) return <ArenaPanel r={arena} slug={slug} />;
  const results = await studyResults(db, { slug, filters, plan });
  if (!results) notFound();
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
