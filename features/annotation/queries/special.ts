import { sql, type SQL } from "drizzle-orm";
import { pgErrorOf, rowsOf, type Db } from "@/platform/db/client";
import type { Side } from "@/db/schema";
import { referenceSideSql } from "../sides";
import { itemColumns, itemContent, itemJoins, type ItemContent, type ItemRow } from "./items";
import type { StudyRules } from "./serving";
import { judgedSql } from "./counts";

/** How many items must pass before an item can come back as a swapped repeat (so it is not recognised at once). */
const REPEAT_DELAY = 3;

type Served = {
  lease: { id: string; comparisonId: number; userId: string; seq: number; referenceSide: Side };
  content: ItemContent;
  judged: number;
  purpose: "item" | "repeat" | "practice";
};

/**
 * Quality-control servings, tried before the normal queue when the study asks for them: practice items first (the
 * comprehension gate: gold items with an explanation, with feedback), then at their rates a swapped repeat of an
 * earlier item, or a check (a gold item or an attention check). `draw` is a number in [0, 1) that decides the rates.
 * Returns null when the normal queue should serve (no special item due, or the annotator holds a lease already).
 */
export async function serveSpecial(
  db: Db,
  args: { rules: StudyRules; userId: string; secret: string; draw: number },
): Promise<Served | null> {
  const { rules, userId } = args;
  const [state] = rowsOf<{ active: boolean; practiced: number; judged: number }>(
    await db.execute(sql`select
        exists (select 1 from assignments where study_id = ${rules.id} and user_id = ${userId} and status = 'active'
          and expires_at > now()) as active,
        (select count(*)::int from assignments where study_id = ${rules.id} and user_id = ${userId}
          and purpose = 'practice' and status = 'done') as practiced,
        ${judgedSql(rules.id, userId)} as judged`),
  );
  if (state.active) return null;
  if (rules.quota !== null && state.judged >= rules.quota) return null;
  if (state.practiced < rules.practiceItems) {
    const practice = await lease(
      db,
      args,
      state.judged,
      "practice",
      sql`
      select c.id as comparison_id, null::side as side from comparisons c
      where c.study_id = ${rules.id} and c.check_kind = 'gold' and c.check_explanation is not null
        and not exists (select 1 from assignments a where a.comparison_id = c.id and a.user_id = ${userId})
      order by random() limit 1`,
    );
    if (practice) return practice;
  }
  if (rules.repeatRate > 0 && args.draw < rules.repeatRate) {
    // One of the annotator's judged items, at least REPEAT_DELAY items back, never repeated yet: the other side now.
    const repeat = await lease(
      db,
      args,
      state.judged,
      "repeat",
      sql`
      select a.comparison_id, (case a.reference_side when 'left' then 'right' else 'left' end)::side as side, a.id as repeat_of
      from assignments a join comparisons c on c.id = a.comparison_id
      where a.study_id = ${rules.id} and a.user_id = ${userId} and a.purpose = 'item' and a.status = 'done'
        and c.check_kind is null and c.reference_response_id <> c.baseline_response_id
        and a.seq <= (select max(seq) from assignments where study_id = ${rules.id} and user_id = ${userId}) - ${REPEAT_DELAY}
        and not exists (select 1 from assignments r where r.repeat_of = a.id)
      order by random() limit 1`,
    );
    if (repeat) return repeat;
  }
  const checkDraw = rules.repeatRate > 0 ? args.draw - rules.repeatRate : args.draw;
  if (rules.checkRate > 0 && checkDraw >= 0 && checkDraw < rules.checkRate) {
    return lease(
      db,
      args,
      state.judged,
      "item",
      sql`
      select c.id as comparison_id, null::side as side from comparisons c
      where c.study_id = ${rules.id} and c.check_kind is not null
        and not exists (select 1 from assignments a where a.comparison_id = c.id and a.user_id = ${userId})
        and not exists (select 1 from judgments j where j.comparison_id = c.id and j.user_id = ${userId})
      order by random() limit 1`,
    );
  }
  return null;
}

/** Leases the comparison `pick` chooses (its side, or the balanced side when null) for the annotator. */
async function lease(
  db: Db,
  args: { rules: StudyRules; userId: string; secret: string },
  judged: number,
  purpose: "item" | "repeat" | "practice",
  pick: SQL,
): Promise<Served | null> {
  const { rules, userId } = args;
  const seq = sql`s.seq`;
  const withRepeat = purpose === "repeat";
  const [row] = await db
    .execute(
      sql`with
      s as (select coalesce(max(seq) + 1, 0)::int as seq from assignments where user_id = ${userId} and study_id = ${rules.id}),
      pick as (${pick}),
      ins as (insert into assignments (study_id, comparison_id, user_id, seq, reference_side, expires_at, purpose, repeat_of)
        select ${rules.id}, pick.comparison_id, ${userId}, s.seq,
          coalesce(pick.side, ${referenceSideSql({ secret: args.secret, userId, studyId: rules.id, seq })}),
          now() + make_interval(secs => ${rules.leaseSeconds}), ${purpose},
          ${withRepeat ? sql`pick.repeat_of` : sql`null::uuid`}
        from pick, s
        returning id, comparison_id, user_id, seq, reference_side)
      select ins.*, ${itemColumns} from ins join comparisons c on c.id = ins.comparison_id ${itemJoins()}`,
    )
    .then((r) => rowsOf<LeaseRow & ItemRow>(r))
    .catch((err: unknown) => {
      // Another serving of this annotator took the sequence number: the normal path will return that lease.
      if (pgErrorOf(err)?.constraint === "assignments_user_study_idx") return [];
      throw err;
    });
  if (!row) return null;
  return {
    lease: {
      id: row.id,
      comparisonId: row.comparison_id,
      userId: row.user_id,
      seq: row.seq,
      referenceSide: row.reference_side,
    },
    content: itemContent(row, row.reference_side, rules.maskLeaks),
    judged,
    purpose,
  };
}

type LeaseRow = { id: string; comparison_id: number; user_id: string; seq: number; reference_side: Side };
