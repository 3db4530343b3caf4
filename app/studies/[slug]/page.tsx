import Link from "next/link";
import { studyJudgeRuns } from "@/features/judges";
import { JudgeRunsPanel } from "@/features/judges/ui/judge-runs-panel";
import { env } from "@/platform/env";
import { DesignSummary } from "@/features/studies/ui/design-summary";
import { notFound } from "next/navigation";
import { getDb } from "@/platform/db";
import { getStudyDetail } from "@/features/studies";
import { Suspense } from "react";
import { LinksSection } from "@/features/crowd/ui/links-section";
import { StudySettingsForm } from "@/features/studies/ui/settings-form";
import { hasRole } from "@/platform/auth/policy";
import { requirePageRole } from "@/platform/auth/session";

export default async function StudyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}`);
  const db = await getDb();
  const study = await getStudyDetail(db, slug);
  if (!study) notFound();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="study-title">
          {study.title}
        </h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{study.slug}</span> · <DesignSummary s={study} testIds /> · overlap k ={" "}
          {study.overlapK} · {study.enrolled} annotators enrolled
        </p>
        <Link
          href={`/studies/${study.slug}/results`}
          className="mt-2 inline-block rounded bg-slate-900 px-3 py-1.5 text-sm text-white"
          data-testid="results-link"
        >
          Results
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Prompts</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="study-prompts">
            {study.prompts}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">{study.reference === null ? "Models" : "Baselines"}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="study-baselines">
            {study.reference === null ? study.models : study.baselines}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Comparisons</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="study-comparisons">
            {study.comparisons}
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Human judgments</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="study-judgments">
            {study.judgments}
          </dd>
        </div>
      </dl>
      <table
        className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
        data-testid="baseline-table"
      >
        <thead className="bg-slate-100 text-left">
          <tr>
            <th className="px-3 py-2">Baseline</th>
            <th className="px-3 py-2 text-right">Comparisons</th>
            <th className="px-3 py-2 text-right">Judgments</th>
          </tr>
        </thead>
        <tbody>
          {study.perBaseline.map((b) => (
            <tr key={b.model} className="border-t border-slate-100" data-testid="baseline-row">
              <td className="px-3 py-2 font-mono">{b.model}</td>
              <td className="px-3 py-2 text-right tabular-nums">{b.comparisons}</td>
              <td className="px-3 py-2 text-right tabular-nums">{b.judgments}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <StudySettingsForm study={study} />
      <JudgeRunsPanel
        slug={study.slug}
        runs={await studyJudgeRuns(db, study.slug)}
        keyConfigured={Boolean(env().VERDICT_JUDGE_API_KEY)}
      />
      {hasRole(user.role, "admin") ? (
        <Suspense fallback={<p className="text-slate-500">Loading links…</p>}>
          <LinksSection studyId={study.id} slug={study.slug} />
        </Suspense>
      ) : null}
    </div>
  );
}
