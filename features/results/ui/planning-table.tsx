import type { StudyResults } from "@/features/results/compute";
import { PLAN_PER_PROMPT } from "@/features/results/stats/planning";
import { num, td, th } from "./format";

/** How many prompts the next study needs, from this study's own between- and within-prompt variance. */
export function PlanningTable({ planning }: { planning: StudyResults["planning"] }) {
  const width = `±${(100 * planning.halfWidth).toFixed(1)} points`;
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="planning">
      <h2 className="font-semibold">Planning: prompts needed for a 95% interval of {width}</h2>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>Baseline</th>
              <th className={th}>Now: prompts × judgments</th>
              <th className={th}>ICC</th>
              <th className={th}>Design effect</th>
              {PLAN_PER_PROMPT.map((k) => (
                <th key={k} className={th}>
                  Prompts at {k} / prompt
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {planning.baselines.map(({ model, plan }) => (
              <tr key={model} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono">{model}</td>
                {plan ? (
                  <>
                    <td className={td}>
                      {plan.prompts} × {plan.judgmentsPerPrompt.toFixed(1)}
                    </td>
                    <td className={td}>{num(plan.icc, 2)}</td>
                    <td className={td}>{num(plan.designEffect, 2)}</td>
                    {PLAN_PER_PROMPT.map((k) => {
                      const x = plan.needed.find((n) => n.perPrompt === k);
                      return (
                        <td key={k} className={td}>
                          {x ? x.prompts.toLocaleString("en") : "–"}
                        </td>
                      );
                    })}
                  </>
                ) : (
                  <td className={td} colSpan={3 + PLAN_PER_PROMPT.length}>
                    not enough to plan from (needs 2 prompts, some with two verdicts, and some variation)
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        For the reference&apos;s win rate against each baseline (human verdicts): the variance between prompts
        and within a prompt (one-way ANOVA) give Var = (σ²between + σ²within / k) / prompts for k judgments
        per prompt. The design effect is the variance of this study&apos;s rate against that of as many
        independent verdicts. More judgments per prompt help only with the within-prompt part. Where fewer
        than 10 judgments are second (or later) judgments of a prompt, the two parts cannot be told apart:
        only one judgment per prompt is planned.
      </p>
    </section>
  );
}
