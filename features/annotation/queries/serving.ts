import { sql, type SQL } from "drizzle-orm";
import { quotaReached } from "@/features/annotation/rules";
import { referenceSideSql } from "@/features/annotation/sides";
import { pgErrorOf, preparedRows, rowsOf, type Db } from "@/platform/db/client";
import type { Side } from "@/db/schema";
import { itemColumns, itemContent, itemJoins, type ItemContent, type ItemRow } from "./items";
import { serveSpecial } from "./special";
import { judgedSql } from "./counts";
import type { QualityRules } from "../quality";

export type StudyRules = {
  id: number;
  overlapK: number;
  quota: number | null;
  leaseSeconds: number;
  onePerPrompt: boolean;
  /** A rating study's number of labels; null for a pairwise study. */
  scaleSize: number | null;
  rationaleRequired: boolean;
  /** The share of served items that are quality checks (0: none). */
  checkRate: number;
  /** Mask the words naming a model or maker in the texts served (the study's leak policy "mask"). */
  maskLeaks: boolean;
  /** The share of items served again later with sides swapped (0: none). */
  repeatRate: number;
  /** Practice items (gold items with feedback) before real ones. */
  practiceItems: number;
  /** The quality rules, or null when none can fire (no checks, no repeats, no minimum time). */
  quality: QualityRules | null;
};
type Lease = { id: string; comparisonId: number; userId: string; seq: number; referenceSide: Side };
export type NextResult = { judged: number } & (
  | { kind: "item"; assignment: Lease; content: ItemContent; purpose: "item" | "repeat" | "practice" }
  | { kind: "done"; reason: "quota" | "exhausted" }
  | { kind: "wait" }
  | { kind: "busy" }
);

type LeaseRow = {
  id: string;
  comparison_id: number;
  user_id: string;
  seq: number;
  reference_side: Side;
  purpose: "item" | "repeat" | "practice";
};
const toLease = (r: LeaseRow): Lease => ({
  id: r.id,
  comparisonId: r.comparison_id,
  userId: r.user_id,
  seq: r.seq,
  referenceSide: r.reference_side,
});

/**
 * Candidates: the study's queue below k, lowest load first in random-key order, skipping what this annotator has
 * judged, skipped, flagged or holds, and (one per prompt) any comparison of a prompt they were ever served or
 * judged: a response seen in two of their items would be the reference. `lock` takes the first one free of other
 * servings' row locks.
 */
const candidateSql = (rules: StudyRules, userId: string, lock: boolean, also: SQL = sql``) => sql`
  select q.comparison_id from comparison_queue q
  ${rules.onePerPrompt ? sql`join comparisons qc on qc.id = q.comparison_id` : sql``}
  where q.study_id = ${rules.id} and q.human_load < ${rules.overlapK} ${also}
    ${rules.onePerPrompt ? sql`and qc.prompt_id <> all (${seenPromptsSql(rules.id, userId)})` : sql``}
    and not exists (select 1 from judgments j where j.comparison_id = q.comparison_id and j.user_id = ${userId})
    and not exists (select 1 from assignments a where a.comparison_id = q.comparison_id and a.user_id = ${userId}
                      and a.status in ('active', 'skipped', 'flagged'))
  order by q.human_load, q.queue_key
  limit 1
  ${lock ? sql`for update of q skip locked` : sql``}`;

/**
 * A comparison this annotator could still judge whose open slots are all held by others' leases (its verdicts are
 * below k, its load is not): when such a lease expires, the slot returns.
 */
const leasedOnlySql = (rules: StudyRules, userId: string) => sql`
  select q.comparison_id from comparison_queue q
  ${rules.onePerPrompt ? sql`join comparisons qc on qc.id = q.comparison_id` : sql``}
  where q.study_id = ${rules.id} and q.human_load >= ${rules.overlapK}
    and (select count(*) from judgments j where j.comparison_id = q.comparison_id and j.kind = 'human') < ${rules.overlapK}
    and not exists (select 1 from judgments j where j.comparison_id = q.comparison_id and j.user_id = ${userId})
    and not exists (select 1 from assignments a where a.comparison_id = q.comparison_id and a.user_id = ${userId})
    ${rules.onePerPrompt ? sql`and qc.prompt_id <> all (${seenPromptsSql(rules.id, userId)})` : sql``}
  limit 1`;

/**
 * The prompts of the study this annotator was ever served (any lease status) or has a verdict on, as one array:
 * computed once per statement (not once per candidate), from the annotator's own rows looked up by key.
 */
const seenPromptsSql = (studyId: number, userId: string) => sql`array(
  select (select sc.prompt_id from comparisons sc where sc.id = sa.comparison_id) from assignments sa
    where sa.user_id = ${userId} and sa.study_id = ${studyId}
  union all select jc.prompt_id from judgments sj, lateral (select prompt_id, study_id from comparisons
      where id = sj.comparison_id offset 0) jc
    where sj.user_id = ${userId} and jc.study_id = ${studyId})`;

/**
 * Releases the study's expired leases (their slots return to the pool). One releaser per study at a time (a
 * release updates many queue rows: two at once could deadlock); a second one waits, so once it returns, what the
 * first released is visible to its caller.
 */
async function releaseExpiredLeases(db: Db, studyId: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7301, ${studyId})`);
    // SKIP LOCKED: a lease being answered right now is left to its answer.
    const released = await tx.execute(sql`update assignments set status = 'expired' where id in (
      select id from assignments where study_id = ${studyId} and status = 'active' and expires_at <= now()
      for update skip locked) returning id`);
    return rowsOf(released).length;
  });
}

const isSeqClash = (err: unknown) => pgErrorOf(err)?.constraint === "assignments_user_study_idx";

/**
 * One statement: the annotator's unexpired lease if they hold one, else a new lease on the first free candidate
 * (unless the quota is reached), with the item's texts and the annotator's verdict count.
 */
async function serveOnce(db: Db, rules: StudyRules, userId: string, secret: string) {
  const seq = sql`s.seq`;
  const [row] = await preparedRows<{ judged: number } & Partial<LeaseRow & ItemRow>>(
    db,
    sql`with
      cur as (select id, comparison_id, user_id, seq, reference_side, purpose from assignments where study_id = ${rules.id}
        and user_id = ${userId} and status = 'active' and expires_at > now() order by seq desc limit 1),
      s as (select ${judgedSql(rules.id, userId)} as judged, (select coalesce(max(seq) + 1, 0)::int from assignments
        where user_id = ${userId} and study_id = ${rules.id}) as seq),
      pick as (${candidateSql(
        rules,
        userId,
        true,
        sql`and not exists (select 1 from cur)
        ${rules.quota === null ? sql`` : sql`and (select judged from s) < ${rules.quota}`}`,
      )}),
      ins as (insert into assignments (study_id, comparison_id, user_id, seq, reference_side, expires_at)
        select ${rules.id}, pick.comparison_id, ${userId}, s.seq,
          ${referenceSideSql({ secret, userId, studyId: rules.id, seq })},
          now() + make_interval(secs => ${rules.leaseSeconds})
        from pick, s
        returning id, comparison_id, user_id, seq, reference_side, purpose),
      lease as (select * from cur union all select * from ins)
      select s.judged, lease.*, ${itemColumns} from s
      left join lease on true
      left join comparisons c on c.id = lease.comparison_id
      ${itemJoins("left")}`,
  );
  if (!row.id) return { judged: row.judged, lease: null };
  const lease = toLease(row as LeaseRow);
  return {
    judged: row.judged,
    lease,
    purpose: (row as LeaseRow).purpose,
    content: itemContent(row as ItemRow, lease.referenceSide, rules.maskLeaks),
  };
}

/**
 * The annotator's current item: their unexpired lease if they hold one, else a newly leased comparison chosen by
 * the rule in lib/annotation/rules.ts. The queue row's lock (SKIP LOCKED for the pick, then held by the lease's
 * trigger) keeps two annotators, on any number of app instances, from taking the last slot of a comparison at
 * once; the unique (annotator, study, seq) keeps two tabs of one annotator from leasing two items.
 */
export async function nextAssignment(
  db: Db,
  args: { rules: StudyRules; userId: string; secret: string },
): Promise<NextResult> {
  const { rules, userId } = args;
  // Quality control first, when the study asks for it (it costs a query; a study without it pays nothing).
  if (rules.checkRate > 0 || rules.repeatRate > 0 || rules.practiceItems > 0) {
    const special = await serveSpecial(db, { ...args, draw: Math.random() });
    if (special)
      return {
        judged: special.judged,
        kind: "item",
        assignment: special.lease,
        content: special.content,
        purpose: special.purpose,
      };
  }
  let judged = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const served = await serveOnce(db, rules, userId, args.secret).catch((err: unknown) => {
      if (isSeqClash(err)) return null; // another serving of this annotator won: the next round returns its lease
      throw err;
    });
    if (!served) continue;
    judged = served.judged;
    if (served.lease)
      return {
        judged,
        kind: "item",
        assignment: served.lease,
        content: served.content!,
        purpose: served.purpose!,
      };
    if (quotaReached(judged, rules.quota)) return { judged, kind: "done", reason: "quota" };
    if (await releaseExpiredLeases(db, rules.id)) continue;
    const [lockedByOthers] = rowsOf(await db.execute(candidateSql(rules, userId, false)));
    if (!lockedByOthers) {
      // Slots that others hold on lease may come back: "come back later", never "done" with a completion code.
      const [leasedOnly] = rowsOf(await db.execute(leasedOnlySql(rules, userId)));
      return leasedOnly ? { judged, kind: "wait" } : { judged, kind: "done", reason: "exhausted" };
    }
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
  }
  return { judged, kind: "busy" };
}
