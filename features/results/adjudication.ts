import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";

export type Disagreement = {
  comparisonId: number;
  prompt: string;
  promptText: string;
  first: { model: string; text: string };
  second: { model: string; text: string };
  judge: string;
  judgeVerdict: string;
  humanMajority: string;
  verdicts: { who: string; kind: string; verdict: string; side: string | null; rationale: string | null }[];
};

/**
 * Comparisons where a judge's verdict (one per comparison: its orders agree, else a tie) differs from the humans'
 * unique majority, with the texts and every verdict, for a researcher to adjudicate. Filters by judge and baseline;
 * at most `limit`, in the prompts' file order.
 */
export async function judgeDisagreements(
  db: Db,
  args: { studyId: number; judge?: string; baseline?: string; limit?: number },
): Promise<{ total: number; rows: Disagreement[] }> {
  const judge = args.judge ? sql`and j.judge_name = ${args.judge}` : sql``;
  const baseline = args.baseline ? sql`and m.name = ${args.baseline}` : sql``;
  const found = rowsOf<{
    comparison_id: number;
    judge: string;
    judge_verdict: string;
    human_majority: string;
  }>(
    await db.execute(sql`with h as (
        select j.comparison_id, j.verdict::text as verdict, count(*) as n from judgments j
          join comparisons c on c.id = j.comparison_id
        where c.study_id = ${args.studyId} and j.kind = 'human' and j.verdict is not null group by 1, 2),
      ranked as (select comparison_id, verdict, rank() over (partition by comparison_id order by n desc) as r,
          count(*) over (partition by comparison_id, n) as tied from h),
      majority as (select comparison_id, verdict from ranked where r = 1 and tied = 1),
      units as (
        select j.comparison_id, j.judge_name as judge,
          case when count(distinct j.verdict) = 1 then min(j.verdict::text) else 'tie' end as verdict
        from judgments j join comparisons c on c.id = j.comparison_id join models m on m.id = c.baseline_model_id
        where c.study_id = ${args.studyId} and j.kind = 'judge' and j.verdict is not null ${judge} ${baseline}
        group by 1, 2)
      select u.comparison_id, u.judge, u.verdict as judge_verdict, mj.verdict as human_majority
      from units u join majority mj on mj.comparison_id = u.comparison_id
        join comparisons c on c.id = u.comparison_id join prompts p on p.id = c.prompt_id
      where u.verdict <> mj.verdict order by p.external_id, u.judge`),
  );
  const shown = found.slice(0, args.limit ?? 50);
  const rows: Disagreement[] = [];
  for (const f of shown) {
    const [c] = rowsOf<{
      prompt: string;
      text: string | null;
      messages: unknown;
      fm: string;
      ft: string;
      sm: string;
      st: string;
    }>(
      await db.execute(sql`select p.external_id as prompt, p.text, p.messages, fm.name as fm, rr.text as ft,
          sm.name as sm, br.text as st
        from comparisons c join prompts p on p.id = c.prompt_id
          join responses rr on rr.id = c.reference_response_id join models fm on fm.id = rr.model_id
          join responses br on br.id = c.baseline_response_id join models sm on sm.id = br.model_id
        where c.id = ${f.comparison_id}`),
    );
    const verdicts = rowsOf<Disagreement["verdicts"][number]>(
      await db.execute(sql`select coalesce(u.pseudonym, j.judge_name) as who, j.kind::text as kind,
          j.verdict::text as verdict, j.reference_side::text as side, j.rationale
        from judgments j left join users u on u.id = j.user_id
        where j.comparison_id = ${f.comparison_id} and j.verdict is not null
          and (j.kind = 'human' or j.judge_name = ${f.judge})
        order by j.kind, who, j.reference_side`),
    );
    rows.push({
      comparisonId: f.comparison_id,
      prompt: c.prompt,
      promptText: c.text ?? JSON.stringify(c.messages),
      first: { model: c.fm, text: c.ft },
      second: { model: c.sm, text: c.st },
      judge: f.judge,
      judgeVerdict: f.judge_verdict,
      humanMajority: f.human_majority,
      verdicts,
    });
  }
  return { total: found.length, rows };
}
