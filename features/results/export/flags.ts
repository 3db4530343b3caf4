import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";

/** Items annotators flagged or skipped: what was shown (models included: this is the researcher's file), and why. */
export const FLAG_COLUMNS = [
  "study",
  "prompt_id",
  "first_model",
  "second_model",
  "status",
  "flag_reason",
  "flag_note",
  "annotator",
  "served_at",
  "resolved_at",
  "item_excluded",
] as const;

/** Every flagged or skipped serving of a study, oldest first (one batch: these are few next to verdicts). */
export async function* flagExportBatches(db: Db, slug: string): AsyncGenerator<Record<string, unknown>[]> {
  const ts = (col: string) => sql.raw(`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select s.slug as study, p.external_id as prompt_id, ma.name as first_model,
        mb.name as second_model, a.status::text as status, a.flag_reason::text as flag_reason,
        a.flag_note, u.pseudonym as annotator, ${ts("a.served_at")} as served_at,
        ${ts("a.flag_resolved_at")} as resolved_at, (c.excluded_at is not null) as item_excluded
      from assignments a join studies s on s.id = a.study_id join comparisons c on c.id = a.comparison_id
        join prompts p on p.id = c.prompt_id join responses ra on ra.id = c.reference_response_id
        join models ma on ma.id = ra.model_id join models mb on mb.id = c.baseline_model_id
        join users u on u.id = a.user_id
      where s.slug = ${slug} and a.status in ('flagged', 'skipped')
      order by a.served_at, a.id`),
  );
  if (rows.length) yield rows;
}
