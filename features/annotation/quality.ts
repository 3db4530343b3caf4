import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";

export type QualityStatus = "active" | "warned" | "stopped";

/** A study's quality rules (studies.qc_*), off when no check is served and no minimum time is set. */
export type QualityRules = {
  minChecks: number;
  minAccuracy: number;
  /** Seconds; 0 turns the too-fast rule off. */
  minSeconds: number;
  maxFastShare: number;
};

/** A study's rules, or null when none can fire: no checks, no repeats and no minimum time. */
export function qualityRulesOf(s: {
  checkRate: number;
  repeatRate: number;
  minChecks: number;
  minAccuracy: number;
  minSeconds: number;
  maxFastShare: number;
}): QualityRules | null {
  if (s.checkRate <= 0 && s.repeatRate <= 0 && s.minSeconds <= 0) return null;
  return {
    minChecks: s.minChecks,
    minAccuracy: s.minAccuracy,
    minSeconds: s.minSeconds,
    maxFastShare: s.maxFastShare,
  };
}

/** What the rules look at for one annotator in one study. */
export type QualityCounts = {
  checksSeen: number;
  checksCorrect: number;
  repeatsSeen: number;
  repeatsConsistent: number;
  verdicts: number;
  tooFast: number;
};

/**
 * The rules: after `minChecks` checks (gold and attention items, and swapped repeats, each counted apart), an
 * accuracy below `minAccuracy` warns, and stops after twice as many; the same for a share of verdicts faster than
 * `minSeconds` above `maxFastShare`. A warned annotator who recovers is active again; a stop is final (the researcher
 * decides what follows). Returns the status and, when not active, why, in words for the researcher.
 */
export function judgeQuality(
  c: QualityCounts,
  r: QualityRules,
  previous: QualityStatus,
): { status: QualityStatus; reason: string | null } {
  if (previous === "stopped") return { status: "stopped", reason: null };
  const failures: { level: QualityStatus; reason: string }[] = [];
  const rate = (hit: number, seen: number, what: string) => {
    if (seen < r.minChecks || hit / seen >= r.minAccuracy) return;
    failures.push({
      level: seen >= 2 * r.minChecks ? "stopped" : "warned",
      reason: `${what} ${hit} of ${seen} (below ${Math.round(100 * r.minAccuracy)}%)`,
    });
  };
  rate(c.checksCorrect, c.checksSeen, "checks right:");
  rate(c.repeatsConsistent, c.repeatsSeen, "repeats consistent:");
  if (r.minSeconds > 0 && c.verdicts >= r.minChecks && c.tooFast / c.verdicts > r.maxFastShare)
    failures.push({
      level: c.verdicts >= 2 * r.minChecks ? "stopped" : "warned",
      reason: `${c.tooFast} of ${c.verdicts} verdicts under ${r.minSeconds} s (above ${Math.round(100 * r.maxFastShare)}%)`,
    });
  if (failures.length === 0) return { status: "active", reason: null };
  const status = failures.some((f) => f.level === "stopped") ? "stopped" : "warned";
  return { status, reason: failures.map((f) => f.reason).join("; ") };
}

/** Whether judgment `j` gives its check comparison `c`'s expected answer (a verdict, or a rating's label). */
export const CHECK_ANSWERED_RIGHT = sql`(j.verdict = c.expected_verdict
  or (c.expected_rating is not null and j.ratings[1] = c.expected_rating))`;

/** An annotator's counts in a study, in one query (checks by their expected answer, repeats by their first verdict). */
async function qualityCounts(db: Db, studyId: number, userId: string, minSeconds: number) {
  const [row] = rowsOf<QualityCounts>(
    await db.execute(sql`select
        count(*) filter (where c.check_kind is not null)::int as "checksSeen",
        count(*) filter (where c.check_kind is not null and ${CHECK_ANSWERED_RIGHT})::int as "checksCorrect",
        (select count(*)::int from assignments r where r.study_id = ${studyId} and r.user_id = ${userId}
          and r.repeat_of is not null and r.status = 'done') as "repeatsSeen",
        (select count(*)::int from assignments r join judgments rj on rj.comparison_id = r.comparison_id
          and rj.user_id = r.user_id where r.study_id = ${studyId} and r.user_id = ${userId}
          and r.repeat_of is not null and r.status = 'done' and r.answer = rj.verdict) as "repeatsConsistent",
        count(*) filter (where c.check_kind is null)::int as verdicts,
        count(*) filter (where c.check_kind is null and j.duration_ms < ${minSeconds * 1000})::int as "tooFast"
      from judgments j join comparisons c on c.id = j.comparison_id
      where c.study_id = ${studyId} and j.user_id = ${userId}`),
  );
  return row;
}

/** Re-judges an annotator after a verdict and records the status on their enrolment; returns it. */
export async function updateQuality(
  db: Db,
  args: { studyId: number; userId: string; rules: QualityRules },
): Promise<QualityStatus> {
  const counts = await qualityCounts(db, args.studyId, args.userId, args.rules.minSeconds);
  const [current] = rowsOf<{ status: QualityStatus }>(
    await db.execute(sql`select quality_status::text as status from enrollments
      where study_id = ${args.studyId} and user_id = ${args.userId}`),
  );
  if (!current) return "active";
  const next = judgeQuality(counts, args.rules, current.status);
  if (next.status !== current.status || (next.reason && next.status !== "stopped"))
    await db.execute(sql`update enrollments set quality_status = ${next.status}, quality_reason = ${next.reason}
      where study_id = ${args.studyId} and user_id = ${args.userId}`);
  return next.status;
}

/** The feedback on a practice answer: null unless `token` is a practice serving of this annotator that was answered. */
export async function practiceFeedback(db: Db, args: { token: string; userId: string }) {
  const [row] = rowsOf<{
    answer: string | null;
    answer_rating: number | null;
    expected_verdict: string | null;
    expected_rating: number | null;
    reference_side: "left" | "right";
    explanation: string | null;
  }>(
    await db.execute(sql`select a.answer::text as answer, a.answer_rating, c.expected_verdict::text as expected_verdict,
        c.expected_rating, a.reference_side::text as reference_side, c.check_explanation as explanation
      from assignments a join comparisons c on c.id = a.comparison_id
      where a.id = ${args.token} and a.user_id = ${args.userId} and a.purpose = 'practice' and a.status = 'done'`),
  );
  if (!row) return null;
  if (row.expected_rating !== null)
    return {
      correct: row.answer_rating === row.expected_rating,
      expected: row.expected_rating,
      explanation: row.explanation,
    };
  // The expected verdict as the annotator saw it: the reference's side decides which of A and B it was.
  const expected =
    row.expected_verdict === "tie"
      ? "tie"
      : (row.expected_verdict === "reference") === (row.reference_side === "left")
        ? "A"
        : "B";
  return { correct: row.answer === row.expected_verdict, expected, explanation: row.explanation } as const;
}
