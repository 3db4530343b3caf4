import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { requeue } from "@/features/annotation";
import { slugSchema } from "./settings";

const bool = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

/** The item browser's query string: a text search, a baseline (or model), a human verdict, a page. */
export const itemSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  model: z.string().trim().max(200).optional().catch(undefined),
  verdict: z.enum(["reference", "tie", "baseline"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ItemSearch = z.output<typeof itemSearchSchema>;

const PAGE = 50;

export type ItemRow = {
  id: number;
  prompt_id: string;
  prompt: string;
  first_model: string;
  second_model: string;
  human: number;
  judge: number;
  flags: number;
  excluded: boolean;
  /** A quality check (gold or attention): served at the check rate, never in results. */
  check_kind: string | null;
};

/** Items of a study matching a search, 50 a page, in the order of their prompt ids; and how many match. */
export async function searchItems(db: Db, studyId: number, s: ItemSearch) {
  const where: SQL[] = [sql`c.study_id = ${studyId}`];
  if (s.q) {
    const like = `%${s.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(sql`(p.external_id ilike ${like} or p.text ilike ${like} or p.messages::text ilike ${like})`);
  }
  if (s.model) where.push(sql`(mb.name = ${s.model} or ma.name = ${s.model})`);
  if (s.verdict)
    where.push(sql`exists (select 1 from judgments v where v.comparison_id = c.id and v.kind = 'human'
      and v.verdict = ${s.verdict})`);
  const filter = sql.join(where, sql` and `);
  const from = sql`comparisons c join prompts p on p.id = c.prompt_id join models mb on mb.id = c.baseline_model_id
    join responses ra on ra.id = c.reference_response_id join models ma on ma.id = ra.model_id`;
  const [rows, [{ total }]] = await Promise.all([
    db.execute(sql`select c.id, p.external_id as prompt_id,
        left(coalesce(p.text, p.messages -> 0 ->> 'content'), 160) as prompt, ma.name as first_model,
        mb.name as second_model,
        (select count(*)::int from judgments j where j.comparison_id = c.id and j.kind = 'human') as human,
        (select count(*)::int from judgments j where j.comparison_id = c.id and j.kind = 'judge') as judge,
        (select count(*)::int from assignments a where a.comparison_id = c.id and a.status = 'flagged') as flags,
        c.excluded_at is not null as excluded, c.check_kind::text as check_kind
      from ${from} where ${filter}
      order by p.external_id, ma.name, mb.name limit ${PAGE} offset ${(s.page - 1) * PAGE}`),
    db
      .execute(sql`select count(*)::int as total from ${from} where ${filter}`)
      .then((r) => rowsOf<{ total: number }>(r)),
  ]);
  return { rows: rowsOf<ItemRow>(rows), total, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

/** One item for the researcher: the prompt, both responses with their models, every verdict and every flag. */
export async function itemDetail(db: Db, studyId: number, comparisonId: number) {
  const [item] = rowsOf<{
    id: number;
    prompt_id: string;
    prompt: string | null;
    messages: { role: string; content: string }[] | null;
    first_model: string;
    first_text: string;
    second_model: string;
    second_text: string;
    same: boolean;
    excluded: boolean;
  }>(
    await db.execute(sql`select c.id, p.external_id as prompt_id, p.text as prompt, p.messages, ma.name as first_model,
        ra.text as first_text, mb.name as second_model, rb.text as second_text,
        c.reference_response_id = c.baseline_response_id as same, c.excluded_at is not null as excluded
      from comparisons c join prompts p on p.id = c.prompt_id join responses ra on ra.id = c.reference_response_id
        join models ma on ma.id = ra.model_id join responses rb on rb.id = c.baseline_response_id
        join models mb on mb.id = rb.model_id
      where c.id = ${comparisonId} and c.study_id = ${studyId}`),
  );
  if (!item) return null;
  const [verdicts, flags] = await Promise.all([
    db.execute(sql`select j.id, j.kind::text as kind, coalesce(u.pseudonym, j.judge_name) as rater,
        j.verdict::text as verdict, j.ratings, j.reference_side::text as side, j.rationale, j.duration_ms,
        to_char(j.updated_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') as at,
        exists (select 1 from annotator_exclusions x where x.study_id = ${studyId} and x.user_id = j.user_id)
          as excluded
      from judgments j left join users u on u.id = j.user_id where j.comparison_id = ${comparisonId}
      order by j.kind, j.id`),
    db.execute(sql`select a.id, a.status::text as status, a.flag_reason::text as reason, a.flag_note as note,
        u.pseudonym, a.flag_resolved_at is not null as resolved
      from assignments a join users u on u.id = a.user_id
      where a.comparison_id = ${comparisonId} and a.status in ('flagged', 'skipped') order by a.served_at`),
  ]);
  return {
    ...item,
    verdicts: rowsOf<{
      id: number;
      kind: string;
      rater: string;
      verdict: string | null;
      ratings: (number | null)[] | null;
      side: string | null;
      rationale: string | null;
      duration_ms: number | null;
      at: string;
      excluded: boolean;
    }>(verdicts),
    flags: rowsOf<{
      id: string;
      status: string;
      reason: string | null;
      note: string | null;
      pseudonym: string;
      resolved: boolean;
    }>(flags),
  };
}

/** Open flags first, then resolved ones (the latest 200): the study page's flag queue. */
export async function flagQueue(db: Db, studyId: number) {
  return rowsOf<{
    id: string;
    comparison_id: number;
    prompt_id: string;
    reason: string | null;
    note: string | null;
    pseudonym: string;
    served_at: string;
    resolved: boolean;
    excluded: boolean;
  }>(
    await db.execute(sql`select a.id, a.comparison_id, p.external_id as prompt_id, a.flag_reason::text as reason,
        a.flag_note as note, u.pseudonym, to_char(a.served_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI "UTC"') as served_at,
        a.flag_resolved_at is not null as resolved, c.excluded_at is not null as excluded
      from assignments a join comparisons c on c.id = a.comparison_id join prompts p on p.id = c.prompt_id
        join users u on u.id = a.user_id
      where a.study_id = ${studyId} and a.status = 'flagged'
      order by a.flag_resolved_at is not null, a.served_at desc limit 200`),
  );
}

export const resolveFlagSchema = z.object({
  slug: slugSchema,
  assignmentId: z.uuid("not a flag id"),
  excludeItem: bool.default(false),
});

/** Resolves a flag: the item is kept, or held out of serving and results (reversible from the item's page). */
export async function resolveFlag(db: Db, input: z.output<typeof resolveFlagSchema>): Promise<void> {
  await db.transaction(async (tx) => {
    const [flag] = rowsOf<{ comparison_id: number }>(
      await tx.execute(sql`update assignments a set flag_resolved_at = coalesce(a.flag_resolved_at, now())
        from studies s where s.id = a.study_id and s.slug = ${input.slug} and a.id = ${input.assignmentId}
          and a.status = 'flagged'
        returning a.comparison_id`),
    );
    if (!flag) throw new AppError("not_found");
    if (input.excludeItem) await holdOut(tx, flag.comparison_id, true);
  });
}

export const itemExclusionSchema = z.object({
  slug: slugSchema,
  comparisonId: z.coerce.number().int().positive(),
  excluded: bool,
});

/** Holds an item out of serving and results, or brings it back. */
export async function setItemExcluded(db: Db, input: z.output<typeof itemExclusionSchema>): Promise<void> {
  await db.transaction(async (tx) => {
    const [own] = rowsOf<{ id: number }>(
      await tx.execute(sql`select c.id from comparisons c join studies s on s.id = c.study_id
        where c.id = ${input.comparisonId} and s.slug = ${input.slug} for update of c`),
    );
    if (!own) throw new AppError("not_found");
    await holdOut(tx, own.id, input.excluded);
  });
}

// Serving reads the queue: a held-out item leaves it; one brought back re-enters with its current load.
async function holdOut(tx: Db, comparisonId: number, out: boolean): Promise<void> {
  if (out) {
    await tx.execute(
      sql`update comparisons set excluded_at = coalesce(excluded_at, now()) where id = ${comparisonId}`,
    );
    await tx.execute(sql`delete from comparison_queue where comparison_id = ${comparisonId}`);
    return;
  }
  await tx.execute(sql`update comparisons set excluded_at = null where id = ${comparisonId}`);
  await requeue(tx, sql`select ${comparisonId}::int`);
}

/** Responses of a study that name a model or maker (found at import), with the words: the leak guard's list. */
export async function leakingResponses(db: Db, studyId: number) {
  return rowsOf<{ prompt_id: string; model: string; words: string[] }>(
    await db.execute(sql`select p.external_id as prompt_id, m.name as model, r.leak_words as words
      from responses r join prompts p on p.id = r.prompt_id join models m on m.id = r.model_id
      where p.study_id = ${studyId} and r.leak_words is not null
      order by p.external_id, m.name limit 500`),
  );
}
