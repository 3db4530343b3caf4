import { and, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "@/platform/errors";
import { canRevise, quotaReached, verdictFromChoice } from "../rules";
import type { Choice, FlagReason } from "../schemas";
import { pgErrorOf, preparedRows, rowsOf, type Db } from "@/platform/db/client";
import { assignments, judgments, submissions } from "@/db/schema";
import type { StudyRules } from "./serving";
import { judgedSql } from "./counts";

export type { StudyRules } from "./serving";

/** Human judgments of the annotator in the study (the quota counts these). */
async function judgedCount(db: Db, args: { studyId: number; userId: string }): Promise<number> {
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`select ${judgedSql(args.studyId, args.userId)} as n`),
  );
  return n;
}

/** A pairwise verdict (`choice`), or a rating study's label indexes (one per turn; one for a single answer). */
export type SubmitInput = {
  rules: StudyRules;
  userId: string;
  token: string;
  choice?: Choice;
  ratings?: number[];
  rationale?: string | null;
  durationMs?: number | null;
  requestId: string;
};

/**
 * Stores a verdict for a served item. Idempotent by request id (a double click, retry or replay stores one
 * judgment); a second verdict on the same item is a re-vote (undo), allowed until the next item is finished.
 */
export async function submitJudgment(
  db: Db,
  input: SubmitInput,
): Promise<"stored" | "revised" | "duplicate"> {
  if (input.rules.rationaleRequired && !input.rationale?.trim()) throw new AppError("rationale_required");
  const stored = await storeFirstVerdict(db, input).catch((err: unknown) => {
    if (pgErrorOf(err)?.code === "23505") return false; // a concurrent resend or an odd state: the checked path decides
    throw err;
  });
  return stored ? "stored" : submitChecked(db, input);
}

/**
 * The common case in one statement: the first verdict on the annotator's own live lease under a new request id.
 * Anything else (resend, revision, expired or closed lease, quota) stores nothing here and goes the checked way.
 */
async function storeFirstVerdict(db: Db, input: SubmitInput): Promise<boolean> {
  const { rules, userId } = input;
  const quota = rules.quota === null ? sql`` : sql`and ${judgedSql(rules.id, userId)} < ${rules.quota}`;
  if (!fitsStudy(rules, input)) return false;
  // A rating must rate every turn of the item (one for a single answer): anything else goes the checked way.
  const ratingFits = input.ratings
    ? sql`and ${input.ratings.length} = (select coalesce(jsonb_array_length(r.turns), 1) from comparisons c
        join responses r on r.id = c.baseline_response_id where c.id = assignments.comparison_id)`
    : sql``;
  const value = input.ratings
    ? sql`null::verdict, ${`{${input.ratings.join(",")}}`}::smallint[], null::side`
    : sql`(case reference_side when 'left' then ${verdictFromChoice(input.choice!, "left")}
            else ${verdictFromChoice(input.choice!, "right")} end)::verdict, null::smallint[], reference_side`;
  const [{ n }] = await preparedRows<{ n: number }>(
    db,
    sql`with a as (
        update assignments set status = 'done'
        where id = ${input.token} and user_id = ${userId} and study_id = ${rules.id} and status = 'active'
          and purpose = 'item' and expires_at > now() and not exists (select 1 from submissions where request_id = ${input.requestId}) ${quota}
          ${ratingFits}
        returning comparison_id, reference_side),
      j as (
        insert into judgments (comparison_id, user_id, kind, verdict, ratings, reference_side, rationale, duration_ms, client_request_id)
        select comparison_id, ${userId}, 'human', ${value},
          ${input.rationale || null}, ${input.durationMs ?? null}, ${input.requestId} from a
        returning id),
      s as (insert into submissions (request_id, user_id, judgment_id) select ${input.requestId}, ${userId}, id from j
        returning request_id)
      select count(*)::int as n from s`,
  );
  return n === 1;
}

/** A verdict for a pairwise study, ratings within the scale for a rating study. */
function fitsStudy(rules: StudyRules, input: SubmitInput): boolean {
  if (rules.scaleSize === null) return input.choice !== undefined && input.ratings === undefined;
  return input.ratings !== undefined && input.ratings.every((r) => r >= 0 && r < rules.scaleSize!);
}

async function submitChecked(db: Db, input: SubmitInput): Promise<"stored" | "revised" | "duplicate"> {
  const { rules, userId } = input;
  if (!fitsStudy(rules, input))
    throw new AppError(rules.scaleSize === null ? "verdict_expected" : "rating_expected");
  return db.transaction(async (tx) => {
    const [a] = rowsOf<{
      id: string;
      comparison_id: number;
      seq: number;
      status: string;
      reference_side: "left" | "right";
      purpose: "item" | "repeat" | "practice";
    }>(
      await tx.execute(sql`select id, comparison_id, seq, status, reference_side, purpose
        from ${assignments} where id = ${input.token} and user_id = ${userId} and study_id = ${rules.id} for update`),
    );
    if (!a) throw new AppError("item_not_yours");
    // A repeat's or practice item's answer counts for quality only: kept on the serving, never a judgment.
    if (a.purpose !== "item") {
      if (a.status !== "active" && a.status !== "expired" && a.status !== "done")
        throw new AppError("item_skipped");
      await tx
        .update(assignments)
        .set({
          status: "done",
          answer: input.choice ? verdictFromChoice(input.choice, a.reference_side) : null,
          answerRating: input.ratings ? input.ratings[0] : null,
        })
        .where(eq(assignments.id, a.id));
      return a.status === "done" ? "revised" : "stored";
    }
    const [seen] = await tx.select().from(submissions).where(eq(submissions.requestId, input.requestId));
    if (seen) {
      if (seen.userId !== userId) throw new AppError("request_reused");
      return "duplicate";
    }
    // The queue row serialises every change of this comparison's load (leases, verdicts, releases).
    const [{ load }] = rowsOf<{ load: number }>(
      await tx.execute(
        sql`select human_load as load from comparison_queue where comparison_id = ${a.comparison_id} for update`,
      ),
    );
    if (input.ratings) {
      const [{ turns }] = rowsOf<{ turns: number }>(
        await tx.execute(sql`select coalesce(jsonb_array_length(r.turns), 1)::int as turns from comparisons c
          join responses r on r.id = c.baseline_response_id where c.id = ${a.comparison_id}`),
      );
      if (input.ratings.length !== turns) throw new AppError("rating_expected");
    }
    // A rating has no verdict and no side; a verdict no ratings.
    const verdict = input.choice ? verdictFromChoice(input.choice, a.reference_side) : null;
    const ratings = input.ratings ?? null;
    const side = input.choice ? a.reference_side : null;
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
      if (
        !canRevise(
          a.seq,
          finished.map((f) => f.seq),
        )
      ) {
        throw new AppError("revision_closed");
      }
      await tx
        .update(judgments)
        .set({
          verdict,
          ratings,
          referenceSide: side,
          rationale: input.rationale || null,
          durationMs: (existing.durationMs ?? 0) + (input.durationMs ?? 0),
          clientRequestId: input.requestId,
          updatedAt: sql`now()`,
        })
        .where(eq(judgments.id, existing.id));
      await tx.insert(submissions).values({ requestId: input.requestId, userId, judgmentId: existing.id });
      return "revised";
    }
    if (a.status !== "active" && a.status !== "expired") throw new AppError("item_skipped");
    // An expired lease still 'active' holds its slot until released; a released one needs a free slot.
    if (a.status === "expired" && load >= rules.overlapK) {
      throw new AppError("slot_taken");
    }
    if (quotaReached(await judgedCount(tx, { studyId: rules.id, userId }), rules.quota)) {
      throw new AppError("quota_reached");
    }
    const [created] = await tx
      .insert(judgments)
      .values({
        comparisonId: a.comparison_id,
        userId,
        kind: "human",
        verdict,
        ratings,
        referenceSide: side,
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
  args: {
    rules: StudyRules;
    userId: string;
    token: string;
    flag?: { reason: FlagReason; note?: string | null };
  },
): Promise<void> {
  const status = args.flag ? "flagged" : "skipped";
  await db.transaction(async (tx) => {
    const [a] = await tx
      .select()
      .from(assignments)
      .where(
        and(
          eq(assignments.id, args.token),
          eq(assignments.userId, args.userId),
          eq(assignments.studyId, args.rules.id),
        ),
      )
      .for("update");
    if (!a) throw new AppError("item_not_yours");
    if (a.status === status) return;
    if (a.status !== "active" && a.status !== "expired") throw new AppError("item_closed");
    await tx
      .update(assignments)
      .set({ status, flagReason: args.flag?.reason ?? null, flagNote: args.flag?.note || null })
      .where(eq(assignments.id, a.id));
  });
}
