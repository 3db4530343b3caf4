import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { canRevise, quotaReached, verdictFromChoice, type Choice } from "@/lib/annotation/rules";
import { referenceSideFor } from "@/lib/annotation/sides";
import { rowsOf, type Db } from "../client";
import { assignments, comparisons, enrollments, judgments, studies, submissions, type Assignment } from "../schema";

export class AnnotationError extends Error {
  constructor(
    readonly code: "not_found" | "revision_closed" | "slot_taken" | "item_closed" | "quota_reached" | "request_reused",
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "AnnotationError";
  }
}

export type StudyRules = { id: number; overlapK: number; quota: number | null; leaseSeconds: number };
export type NextResult =
  | { kind: "item"; assignment: Assignment }
  | { kind: "done"; reason: "quota" | "exhausted" }
  | { kind: "busy" };

/** Live judgments plus other annotators' unexpired leases: how many of the k slots a comparison has taken. */
const load = (userId: string) => sql`(
  (select count(*) from ${judgments} j where j.comparison_id = c.id and j.kind = 'human')
  + (select count(*) from ${assignments} a where a.comparison_id = c.id and a.status = 'active'
       and a.expires_at > now() and a.user_id <> ${userId}))`;

// Candidates with their load from the trigger-kept verdict counts and the study's active leases (hash joins, not
// a sub-query per comparison); the winner's load is re-counted exactly after it is locked.
const candidateSql = (rules: StudyRules, userId: string, lock: boolean) => sql`
  with leased as (
    select comparison_id, count(*) as n from ${assignments}
    where study_id = ${rules.id} and status = 'active' and expires_at > now() and user_id <> ${userId}
    group by comparison_id)
  select c.id from ${comparisons} c
    left join verdict_counts v on v.comparison_id = c.id and v.kind = 'human'
    left join leased l on l.comparison_id = c.id
  where c.study_id = ${rules.id}
    and coalesce(v.reference + v.tie + v.baseline, 0) + coalesce(l.n, 0) < ${rules.overlapK}
    and not exists (select 1 from ${judgments} j where j.comparison_id = c.id and j.user_id = ${userId})
    and not exists (select 1 from ${assignments} a where a.comparison_id = c.id and a.user_id = ${userId}
                      and a.status in ('skipped', 'flagged'))
  order by coalesce(v.reference + v.tie + v.baseline, 0) + coalesce(l.n, 0), random()
  limit 1
  ${lock ? sql`for update of c skip locked` : sql``}`;

export async function judgedCount(db: Db, args: { studyId: number; userId: string }): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(judgments)
    .innerJoin(comparisons, eq(comparisons.id, judgments.comparisonId))
    .where(and(eq(comparisons.studyId, args.studyId), eq(judgments.userId, args.userId)));
  return n;
}

/**
 * The annotator's current item: their unexpired lease if they hold one, else a newly leased comparison chosen by
 * the rule in lib/annotation/rules.ts. Row locks (SKIP LOCKED, then a re-count) keep two annotators, on any
 * number of app instances, from taking the last slot of a comparison at once.
 */
export async function nextAssignment(
  db: Db,
  args: { rules: StudyRules; userId: string; secret: string },
): Promise<NextResult> {
  const { rules, userId } = args;
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = await db.transaction(async (tx): Promise<NextResult | null> => {
      // One serving at a time per annotator and study (two tabs must not lease two items).
      await tx.execute(
        sql`select 1 from ${enrollments} where study_id = ${rules.id} and user_id = ${userId} for update`,
      );
      const [current] = await tx
        .select()
        .from(assignments)
        .where(
          and(
            eq(assignments.studyId, rules.id),
            eq(assignments.userId, userId),
            eq(assignments.status, "active"),
            sql`${assignments.expiresAt} > now()`,
          ),
        )
        .orderBy(desc(assignments.seq))
        .limit(1);
      if (current) return { kind: "item", assignment: current };
      if (quotaReached(await judgedCount(tx, { studyId: rules.id, userId }), rules.quota)) {
        return { kind: "done", reason: "quota" };
      }
      const [picked] = rowsOf<{ id: number }>(await tx.execute(candidateSql(rules, userId, true)));
      if (!picked) {
        const [lockedByOthers] = rowsOf<{ id: number }>(await tx.execute(candidateSql(rules, userId, false)));
        return lockedByOthers ? null : { kind: "done", reason: "exhausted" };
      }
      // Re-count now that the row is ours: a lease committed after this statement's snapshot is visible here.
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`select ${load(userId)}::int as n from ${comparisons} c where c.id = ${picked.id}`),
      );
      if (n >= rules.overlapK) return null;
      const [{ seq }] = rowsOf<{ seq: number }>(
        await tx.execute(sql`select coalesce(max(seq) + 1, 0)::int as seq from ${assignments}
          where user_id = ${userId} and study_id = ${rules.id}`),
      );
      const [assignment] = await tx
        .insert(assignments)
        .values({
          studyId: rules.id,
          comparisonId: picked.id,
          userId,
          seq,
          referenceSide: referenceSideFor({ secret: args.secret, userId, studyId: rules.id, seq }),
          expiresAt: sql`now() + make_interval(secs => ${rules.leaseSeconds})`,
        })
        .returning();
      return { kind: "item", assignment };
    });
    if (result) return result;
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
  }
  return { kind: "busy" };
}

export type SubmitInput = {
  rules: StudyRules;
  userId: string;
  token: string;
  choice: Choice;
  rationale?: string | null;
  durationMs?: number | null;
  requestId: string;
};

/**
 * Stores a verdict for a served item. Idempotent by request id (a double click, retry or replay stores one
 * judgment); a second verdict on the same item is a re-vote (undo), allowed until the next item is finished.
 */
export async function submitJudgment(db: Db, input: SubmitInput): Promise<"stored" | "revised" | "duplicate"> {
  const { rules, userId } = input;
  return db.transaction(async (tx) => {
    const [a] = rowsOf<{ id: string; comparison_id: number; seq: number; status: string; reference_side: "left" | "right"; expired: boolean }>(
      await tx.execute(sql`select id, comparison_id, seq, status, reference_side, expires_at <= now() as expired
        from ${assignments} where id = ${input.token} and user_id = ${userId} and study_id = ${rules.id} for update`),
    );
    if (!a) throw new AnnotationError("not_found", "This item is not yours or no longer exists.", 404);
    const [seen] = await tx.select().from(submissions).where(eq(submissions.requestId, input.requestId));
    if (seen) {
      if (seen.userId !== userId) throw new AnnotationError("request_reused", "Request id already used.", 409);
      return "duplicate";
    }
    await tx.execute(sql`select 1 from ${comparisons} where id = ${a.comparison_id} for update`);
    const verdict = verdictFromChoice(input.choice, a.reference_side);
    const [existing] = await tx
      .select()
      .from(judgments)
      .where(and(eq(judgments.comparisonId, a.comparison_id), eq(judgments.userId, userId)));
    if (existing) {
      const finished = await tx
        .select({ seq: assignments.seq })
        .from(assignments)
        .where(
          and(
            eq(assignments.userId, userId),
            eq(assignments.studyId, rules.id),
            inArray(assignments.status, ["done", "skipped", "flagged"]),
          ),
        );
      if (!canRevise(a.seq, finished.map((f) => f.seq))) {
        throw new AnnotationError("revision_closed", "This verdict can no longer be changed.", 409);
      }
      await tx
        .update(judgments)
        .set({
          verdict,
          referenceSide: a.reference_side,
          rationale: input.rationale || null,
          durationMs: (existing.durationMs ?? 0) + (input.durationMs ?? 0),
          clientRequestId: input.requestId,
          updatedAt: sql`now()`,
        })
        .where(eq(judgments.id, existing.id));
      await tx.insert(submissions).values({ requestId: input.requestId, userId, judgmentId: existing.id });
      return "revised";
    }
    if (a.status !== "active") throw new AnnotationError("item_closed", "This item was skipped.", 409);
    if (a.expired) {
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`select ${load(userId)}::int as n from ${comparisons} c where c.id = ${a.comparison_id}`),
      );
      if (n >= rules.overlapK) {
        throw new AnnotationError("slot_taken", "This item expired and went to someone else. Here is a new one.", 409);
      }
    }
    if (quotaReached(await judgedCount(tx, { studyId: rules.id, userId }), rules.quota)) {
      throw new AnnotationError("quota_reached", "You have reached this study's quota.", 409);
    }
    const [created] = await tx
      .insert(judgments)
      .values({
        comparisonId: a.comparison_id,
        userId,
        kind: "human",
        verdict,
        referenceSide: a.reference_side,
        rationale: input.rationale || null,
        durationMs: input.durationMs ?? null,
        clientRequestId: input.requestId,
      })
      .returning({ id: judgments.id });
    await tx.insert(submissions).values({ requestId: input.requestId, userId, judgmentId: created.id });
    await tx.update(assignments).set({ status: "done" }).where(eq(assignments.id, a.id));
    return "stored";
  });
}

/** Skip (back to the pool for others) or flag an item; never served to this annotator again. Idempotent. */
export async function passAssignment(
  db: Db,
  args: { rules: StudyRules; userId: string; token: string; flag?: { reason: "broken" | "offensive" | "other"; note?: string | null } },
): Promise<void> {
  const status = args.flag ? "flagged" : "skipped";
  await db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(assignments)
      .where(and(eq(assignments.id, args.token), eq(assignments.userId, args.userId), eq(assignments.studyId, args.rules.id)))
      .for("update");
    if (!a) throw new AnnotationError("not_found", "This item is not yours or no longer exists.", 404);
    if (a.status === status) return;
    if (a.status !== "active") throw new AnnotationError("item_closed", "This item is already finished.", 409);
    await tx
      .update(assignments)
      .set({ status, flagReason: args.flag?.reason ?? null, flagNote: args.flag?.note || null })
      .where(eq(assignments.id, a.id));
  });
}

export async function studyRules(db: Db, studyId: number): Promise<StudyRules | null> {
  const [s] = await db
    .select({ id: studies.id, overlapK: studies.overlapK, quota: studies.quota, leaseSeconds: studies.leaseSeconds })
    .from(studies)
    .where(eq(studies.id, studyId));
  return s ?? null;
}
