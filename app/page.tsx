import Link from "next/link";
import { DesignSummary } from "@/features/studies/ui/design-summary";
import { Suspense } from "react";
import { getDb } from "@/platform/db";
import { enrolledStudies } from "@/features/annotation";
import { listStudiesWithProgress } from "@/features/studies";
import { hasRole } from "@/platform/auth/policy";
import { requirePageRole } from "@/platform/auth/session";

export default async function HomePage() {
  const user = await requirePageRole("annotator", "/");
  return (
    <div className="space-y-6">
      <Suspense fallback={<p className="text-slate-500">Loading…</p>}>
        <LabellingList userId={user.id} hideWhenEmpty={hasRole(user.role, "researcher")} />
      </Suspense>
      {hasRole(user.role, "researcher") ? (
        <>
          <h1 className="text-2xl font-semibold">Studies</h1>
          <Suspense fallback={<p className="text-slate-500">Loading studies…</p>}>
            <StudyList />
          </Suspense>
        </>
      ) : null}
    </div>
  );
}

async function LabellingList({ userId, hideWhenEmpty }: { userId: string; hideWhenEmpty: boolean }) {
  const studies = await enrolledStudies(await getDb(), userId);
  if (studies.length === 0) {
    return hideWhenEmpty ? null : (
      <p className="text-slate-600" data-testid="no-enrolments">
        You are not enrolled in any study yet.
      </p>
    );
  }
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-semibold">Your labelling</h1>
      <ul className="grid gap-3 md:grid-cols-2" data-testid="enrolled-list">
        {studies.map((s) => (
          <li
            key={s.id}
            className="flex items-center justify-between rounded-lg border border-slate-200 bg-white p-4"
          >
            <div>
              <div className="font-medium">{s.title}</div>
              <div className="text-sm text-slate-600 tabular-nums">
                {s.judged}
                {s.quota !== null ? ` / ${s.quota}` : ""} done
              </div>
            </div>
            <Link
              href={`/annotate/${s.id}`}
              className="rounded bg-slate-900 px-3 py-2 text-sm text-white"
              data-testid={`start-${s.id}`}
            >
              Start labelling
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

async function StudyList() {
  const studies = await listStudiesWithProgress(await getDb());
  if (studies.length === 0) {
    return (
      <p className="text-slate-600" data-testid="no-studies">
        No studies yet.{" "}
        <Link href="/studies/new" className="underline">
          Create one from a file
        </Link>{" "}
        or import one with <code>npm run cli -- import items</code>.
      </p>
    );
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2" data-testid="study-list">
      {studies.map((s) => {
        const pct = s.comparisons ? Math.round((100 * s.judgedComparisons) / s.comparisons) : 0;
        return (
          <li
            key={s.slug}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid={`study-${s.slug}`}
          >
            <Link href={`/studies/${s.slug}`} className="font-medium text-slate-900 hover:underline">
              {s.title}
            </Link>
            <p className="mt-1 text-sm text-slate-600">
              <DesignSummary s={s} />
            </p>
            <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
              <Stat label="Prompts" value={s.prompts} testId="stat-prompts" />
              <Stat label="Comparisons" value={s.comparisons} testId="stat-comparisons" />
              <Stat label="Judgments" value={s.judgments} testId="stat-judgments" />
            </dl>
            <div
              className="mt-3 h-2 overflow-hidden rounded bg-slate-100"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              aria-label={`${s.title}: ${pct}% of comparisons judged`}
            >
              <div className="h-full bg-emerald-500" style={{ width: `${pct}%` }} />
            </div>
            {s.archived ? <p className="mt-1 text-xs text-slate-600">archived</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString("en-US")}
      </dd>
    </div>
  );
}
