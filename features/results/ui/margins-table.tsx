import type { KindResult } from "@/features/results/baselines";
import { interval, muted, num, pct, points, pointsInterval, td, th } from "./format";

/** Per baseline: win − loss and the length-controlled win rate; the differences between baselines; length bias. */
export function MarginsTable({ data, testId }: { data: KindResult; testId: string }) {
  const bias = data.lengthBias;
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="bg-slate-100">
            <tr>
              <th className={th}>Baseline</th>
              <th className={th}>Win − loss (95% CI, prompts)</th>
              <th className={th}>Length-controlled win rate (95% CI)</th>
            </tr>
          </thead>
          <tbody>
            {data.baselines.map((b) => (
              <tr key={b.model} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono">{b.model}</td>
                <td className={td}>
                  {points(b.margin)} <span className={muted}>({pointsInterval(b.ci95.margin)})</span>
                </td>
                <td className={td}>
                  {pct(b.lengthControlled?.referenceWins)}{" "}
                  <span className={muted}>({interval(b.lengthControlled?.ci95 ?? null)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.marginDifferences.length ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Differences between baselines&apos; margins</summary>
          <ul className="mt-1 space-y-0.5" data-testid={`${testId}-differences`}>
            {data.marginDifferences.map((d) => (
              <li key={`${d.a}-${d.b}`}>
                <span className="font-mono">{d.a}</span> − <span className="font-mono">{d.b}</span>:{" "}
                {points(d.difference)} <span className={muted}>({pointsInterval(d.ci95)})</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <p className="text-sm" data-testid={`${testId}-length-bias`}>
        Length bias: the longer response won {bias.longerWins} of {bias.decided} decided verdicts (ties and
        equal lengths out) = <strong>{pct(bias.rate)}</strong>; exact binomial test against 50%: p ={" "}
        {num(bias.p, 4)}
      </p>
      <p className="text-xs text-slate-500">
        Win − loss: reference wins minus baseline wins, as a share of all verdicts. Differences resample the
        same prompts for both baselines. Length-controlled (as AlpacaEval 2): a logistic model of the verdict
        on the baseline and tanh(length difference / its standard deviation), ties as half a win, read at
        equal length; intervals refit it on 1,000 resamples of prompts. Lengths in characters.
      </p>
    </div>
  );
}
