import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { dequeueChecks, requeue } from "./queue";

export const attentionSchema = z.object({
  study: z.string().trim().min(1, "required"),
  count: z.coerce.number().int("a whole number").min(1, "at least 1").max(1000, "at most 1,000"),
});

/**
 * Attention checks with no authoring: a prompt's response beside the same model's response to another prompt (so
 * style gives nothing away); the on-topic one must win. Adds checks until the study has `count` of them, each on
 * another prompt where there are enough; pairwise designs only. They leave the normal queue and never enter results.
 */
export async function generateAttentionChecks(
  db: Db,
  input: z.output<typeof attentionSchema>,
): Promise<{ created: number; total: number }> {
  return db.transaction(async (tx) => {
    const [study] = rowsOf<{ id: number; design: string }>(
      await tx.execute(
        sql`select id, design::text as design from studies where slug = ${input.study} for update`,
      ),
    );
    if (!study) throw new AppError("no_study", input.study);
    if (study.design === "rating")
      throw new AppError("invalid_input", "attention checks pair two responses: they need a pairwise design");
    const created = rowsOf(
      await tx.execute(sql`with
        have as (select count(*)::int as n from comparisons where study_id = ${study.id} and check_kind = 'attention'),
        candidates as (
          select r.id as on_topic, r.prompt_id, r.model_id,
            (select o.id from responses o join prompts op on op.id = o.prompt_id
              where op.study_id = ${study.id} and o.model_id = r.model_id and o.prompt_id <> r.prompt_id
              order by random() limit 1) as off_topic
          from responses r join prompts p on p.id = r.prompt_id
          where p.study_id = ${study.id}
            and not exists (select 1 from comparisons c where c.prompt_id = r.prompt_id and c.check_kind = 'attention')
          order by random()),
        one_per_prompt as (select distinct on (prompt_id) * from candidates where off_topic is not null
          order by prompt_id, random())
        insert into comparisons (study_id, prompt_id, reference_response_id, baseline_response_id, baseline_model_id,
          check_kind, expected_verdict)
        select ${study.id}, prompt_id, on_topic, off_topic, model_id, 'attention', 'reference'
        from (select * from one_per_prompt order by random() limit greatest(0, ${input.count} - (select n from have))) x
        on conflict do nothing
        returning id`),
    );
    await dequeueChecks(tx, study.id);
    const [{ total }] = rowsOf<{ total: number }>(
      await tx.execute(sql`select count(*)::int as total from comparisons
        where study_id = ${study.id} and check_kind = 'attention'`),
    );
    return { created: created.length, total };
  });
}

/**
 * Brings the queue in line with the study's leak policy: under "hold_out", comparisons showing a response that
 * names a model or maker leave the queue; otherwise they are back (unless held out by a researcher, or a check).
 * Returns how many comparisons the policy holds out. After an import (`after: "import"`) only "hold_out" has
 * anything to do: new comparisons join the queue as they are written, and nothing the policy held out before can
 * be waiting to come back (a change of policy brought it back then).
 */
export async function applyLeakPolicy(
  db: Db,
  studyId: number,
  { after }: { after: "import" | "policy change" } = { after: "policy change" },
): Promise<number> {
  return db.transaction(async (tx) => {
    const leaking = sql`select c.id from comparisons c join responses ra on ra.id = c.reference_response_id
      join responses rb on rb.id = c.baseline_response_id
      where c.study_id = ${studyId} and (ra.leak_words is not null or rb.leak_words is not null)`;
    const [{ policy }] = rowsOf<{ policy: string }>(
      await tx.execute(sql`select leak_policy::text as policy from studies where id = ${studyId}`),
    );
    if (policy === "hold_out") {
      await tx.execute(sql`delete from comparison_queue where comparison_id in (${leaking})`);
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from (${leaking}) x`),
      );
      return n;
    }
    // Only those missing from the queue (held out before) come back: the rest keep their rows.
    if (after === "policy change") await requeue(tx, leaking);
    return 0;
  });
}
