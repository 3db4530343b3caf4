import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LinksSection } from "@/features/crowd/ui/links-section";
import { UploadForm } from "@/features/imports/ui/upload-form";
import { studyJudgeRuns } from "@/features/judges";
import { JudgeRunsPanel } from "@/features/judges/ui/judge-runs-panel";
import {
  annotatorProgress,
  flagQueue,
  getStudyDetail,
  leakingResponses,
  verdictCount,
} from "@/features/studies";
import { QualitySection } from "@/features/studies/ui/quality-section";
import { AnnotatorsTable } from "@/features/studies/ui/annotators-table";
import { BaselineProgress } from "@/features/studies/ui/baseline-progress";
import { DangerZone } from "@/features/studies/ui/danger-zone";
import { DesignSummary } from "@/features/studies/ui/design-summary";
import { FlagQueue } from "@/features/studies/ui/flag-queue";
import { StudySettingsForm } from "@/features/studies/ui/settings-form";
import { hasRole } from "@/platform/auth/policy";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";
import { env } from "@/platform/env";
import { AutoRefresh } from "@/platform/ui/auto-refresh";

const card = "rounded-lg border border-slate-200 bg-white p-4";

export default async function StudyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}`);
  const db = await getDb();
  const study = await getStudyDetail(db, slug);
  if (!study) notFound();
  const isAdmin = hasRole(user.role, "admin");
  const [annotators, flags, runs, verdicts, leaks] = await Promise.all([
    annotatorProgress(db, study.id),
    flagQueue(db, study.id),
    studyJudgeRuns(db, study.slug),
    verdictCount(db, study.id),
    leakingResponses(db, study.id),
  ]);
  const link = "rounded border border-slate-300 px-3 py-1.5 text-sm";
  return (
    <div className="space-y-6">
      {/* The dashboard follows people as they label: re-read every 15 s while the tab is visible. */}
      <AutoRefresh seconds={15} />
      <div>
        <h1 className="text-2xl font-semibold break-words" data-testid="study-title">
          {study.title}
          {study.archived ? <span className="ml-2 text-base text-red-700">(archived)</span> : null}
        </h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{study.slug}</span> · <DesignSummary s={study} testIds /> · overlap k ={" "}
          {study.overlapK} · {study.enrolled} annotators enrolled
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Link
            href={`/studies/${study.slug}/results`}
            className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white"
            data-testid="results-link"
          >
            Results
          </Link>
          <Link href={`/studies/${study.slug}/items`} className={link} data-testid="items-link">
            Items
          </Link>
          <a href={`/api/studies/${study.slug}/export?format=csv`} className={link}>
            Export verdicts
          </a>
          <a href={`/api/studies/${study.slug}/export?format=csv&texts=1`} className={link}>
            … with texts
          </a>
          <a href={`/api/studies/${study.slug}/export?format=csv&kind=flags`} className={link}>
            Export flags and skips
          </a>
        </div>
      </div>
      <BaselineProgress study={study} />
      <section className={card}>
        <h2 className="mb-2 font-semibold">Annotators</h2>
        <AnnotatorsTable slug={study.slug} rows={annotators} showIdentity={isAdmin} />
      </section>
      <QualitySection
        study={study}
        stopped={annotators.filter((a) => a.quality.status === "stopped" && !a.excluded).length}
        leaks={leaks}
        goldUpload={<UploadForm kind="gold" slug={study.slug} />}
      />
      <section className={card}>
        <h2 className="mb-2 font-semibold">Flag queue</h2>
        <FlagQueue slug={study.slug} flags={flags} />
      </section>
      <section className={card}>
        <h2 className="mb-2 font-semibold">Add files</h2>
        <div className="grid gap-6 md:grid-cols-2">
          <UploadForm kind="judgments" slug={study.slug} />
          <UploadForm kind="items" slug={study.slug} />
        </div>
      </section>
      <StudySettingsForm study={study} />
      <JudgeRunsPanel slug={study.slug} runs={runs} keyConfigured={Boolean(env().VERDICT_JUDGE_API_KEY)} />
      {isAdmin ? (
        <Suspense fallback={<p className="text-slate-600">Loading links…</p>}>
          <LinksSection studyId={study.id} slug={study.slug} />
        </Suspense>
      ) : null}
      <DangerZone slug={study.slug} archived={study.archived} judgments={verdicts} />
    </div>
  );
}
