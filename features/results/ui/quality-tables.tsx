import type { StudyResults } from "@/features/results/compute";
import { muted, num, numInterval, pct, pctInterval, td, th } from "./format";
import { PlanningTable } from "./planning-table";

const box = "space-y-2 rounded-lg border border-slate-200 bg-white p-4";

/** Agreement (human-human, human-judge), position bias, annotators, Cohen's kappa and judge consistency. */
export function QualityTables({ r }: { r: StudyResults }) {
  const agreementRows = [
    { label: "Human – human", a: r.human.agreement },
    { label: "Human – LLM judge", a: r.judge.agreement },
  ];
  const pos = r.human.position;
  return (
    <div className="space-y-6">
      <section className={box} data-testid="agreement">
        <h2 className="font-semibold">Agreement</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th className={th}>Pairs of</th>
                <th className={th}>Comparisons</th>
                <th className={th}>Tie-discounted accuracy</th>
                <th className={th}>Exact</th>
                <th className={th}>κ (Fleiss; judge: Cohen vs human majority)</th>
                <th className={th}>Krippendorff&apos;s α (ordinal)</th>
              </tr>
            </thead>
            <tbody>
              {agreementRows.map(({ label, a }) => (
                <tr key={label} className="border-t border-slate-100">
                  <td className="px-3 py-2">{label}</td>
                  <td className={td}>{a.comparisons}</td>
                  <td className={td}>
                    {pct(a.tieDiscounted)}{" "}
                    <span className={`block text-xs ${muted}`}>{pctInterval(a.ci95.tieDiscounted)}</span>
                  </td>
                  <td className={td}>
                    {pct(a.exact)}{" "}
                    <span className={`block text-xs ${muted}`}>{pctInterval(a.ci95.exact)}</span>
                  </td>
                  <td className={td}>
                    {num(a.cohenKappa !== undefined ? a.cohenKappa : a.fleissKappa)}{" "}
                    <span className={`block text-xs ${muted}`}>
                      {numInterval(a.cohenKappa !== undefined ? a.ci95.cohenKappa : a.ci95.fleissKappa)}
                    </span>
                  </td>
                  <td className={td}>
                    {num(a.krippendorffAlpha)}{" "}
                    <span className={`block text-xs ${muted}`}>{numInterval(a.ci95.krippendorffAlpha)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          Over comparisons with two or more verdicts; per comparison the mean over all pairs, then the mean
          over comparisons. Tie-discounted accuracy (LIMA): 1 for the same verdict, 0.5 when exactly one says
          tie. Human – LLM judge uses human–judge pairs only: κ is Cohen&apos;s, of the judge against the
          human majority, and α takes the judge as one coder against each human. Beneath each value: its 95%
          interval from a bootstrap over comparisons (1,000 resamples; none under 10 comparisons).
        </p>
      </section>

      <section className={box} data-testid="position-bias">
        <h2 className="font-semibold">Position bias</h2>
        <p className="text-sm">
          Human verdicts for the left response (ties excluded): {pos.left} of {pos.decided} ={" "}
          <strong>{pct(pos.rate)}</strong>. With annotators as clusters ({pos.clustered.raters} annotators;
          the test to trust when annotators differ): 95% CI {pctInterval(pos.clustered.ci95)}, p ={" "}
          {num(pos.clustered.p, 4)}. Every verdict taken as independent (exact binomial): p = {num(pos.p, 4)}.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="annotator-table">
            <thead className="bg-slate-100">
              <tr>
                <th className={th}>Annotator</th>
                <th className={th}>Judgments</th>
                <th className={th}>Median time</th>
                <th className={th}>Tie rate</th>
                <th className={th}>Agreement with majority</th>
                <th className={th}>Left rate (p; Holm-adjusted p)</th>
              </tr>
            </thead>
            <tbody>
              {r.annotators.map((a) => (
                <tr key={a.annotator} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono">{a.annotator}</td>
                  <td className={td}>{a.judgments}</td>
                  <td className={td}>{a.medianMs === null ? "–" : `${(a.medianMs / 1000).toFixed(1)} s`}</td>
                  <td className={td}>{pct(a.tieRate)}</td>
                  <td className={td}>{pct(a.agreementWithMajority)}</td>
                  <td className={td}>
                    {pct(a.leftRate)} ({num(a.leftP, 3)}; {num(a.leftPHolm, 3)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          Each annotator&apos;s left rate is tested on its own (exact binomial); with many annotators some p
          values are small by chance, so Holm&apos;s adjustment over all of them is given beside each.
        </p>
      </section>

      <PlanningTable planning={r.planning} />

      {r.cohen.length ? (
        <section className={box} data-testid="cohen">
          <h2 className="font-semibold">Cohen&apos;s κ per pair of annotators (≥ 20 shared comparisons)</h2>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <tbody>
                {r.cohen.map((c) => (
                  <tr key={`${c.a}-${c.b}`} className="border-t border-slate-100">
                    <td className="px-3 py-2 font-mono">
                      {c.a} – {c.b}
                    </td>
                    <td className={td}>n = {c.n}</td>
                    <td className={td}>κ = {num(c.kappa)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className={box} data-testid="ranking">
        <h2 className="font-semibold">Bradley–Terry ranking (human verdicts, ties as half a win)</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th className={th}>Rank</th>
                <th className={th}>Model</th>
                <th className={th}>Log-strength</th>
                <th className={th}>95% bootstrap interval</th>
              </tr>
            </thead>
            <tbody>
              {r.ranking.map((m) => (
                <tr key={m.model} className="border-t border-slate-100">
                  <td className={td}>{m.rank}</td>
                  <td className="px-3 py-2 font-mono">{m.model}</td>
                  <td className={td}>{num(m.score, 2)}</td>
                  <td className={td}>
                    {num(m.ci95[0], 2)} – {num(m.ci95[1], 2)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          Rank: 1 + the number of models whose interval lies wholly above this one&apos;s; models whose
          intervals overlap share a rank.
        </p>
      </section>

      {r.judges.length ? (
        <section className={box} data-testid="judge-consistency">
          <h2 className="font-semibold">Judges, each on its own</h2>
          {r.judges.map((j) => (
            <p key={j.judge} className="text-sm">
              <span className="font-mono">{j.judge}</span>:{" "}
              {j.consistency.pairs
                ? `same verdict in both orders on ${j.consistency.consistent} of ${j.consistency.pairs} comparisons (${pct(j.consistency.consistent / j.consistency.pairs)}; the others count as ties)`
                : "asked in one order only"}
              ; chose the answer shown first in {j.position.left} of {j.position.decided} decided verdicts (
              {pct(j.position.rate)}, p = {num(j.position.p, 3)}); Cohen&apos;s κ against the human majority{" "}
              {num(j.agreement.cohenKappa)} over {j.agreement.comparisons} comparisons. By baseline:{" "}
              {j.agreementByBaseline
                .map(
                  ({ baseline, agreement: a }) =>
                    `${baseline} ${pct(a.tieDiscounted)} tie-discounted, κ ${num(a.cohenKappa)} (${a.comparisons})`,
                )
                .join("; ")}
              .{" "}
              <a
                className="underline"
                href={`/studies/${r.study}/adjudicate?judge=${encodeURIComponent(j.judge)}`}
              >
                Where it disagrees with the humans
              </a>
            </p>
          ))}
        </section>
      ) : null}
    </div>
  );
}
