import Link from "next/link";
import type { ArenaResults } from "@/features/results/arena";
import { itemsOf, muted, num, numInterval, pct, pctInterval, td, th } from "./format";

const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

/** One row per model: rank, Elo and its interval, verdicts. */
function LeaderboardRows({
  ranking,
  testId,
  slug,
}: {
  ranking: ArenaResults["ranking"];
  testId?: string;
  slug: string;
}) {
  return ranking.map((m) => (
    <tr key={m.model} className="border-t border-slate-100" data-testid={testId}>
      <td className={td}>{m.rank ?? "–"}</td>
      <td className="px-3 py-2 font-mono">
        <Link className="underline decoration-dotted" href={itemsOf(slug, m.model)}>
          {m.model}
        </Link>
      </td>
      <td className={td}>{num(m.elo, 0)}</td>
      <td className={td}>{m.ci95 ? numInterval(m.ci95, 0) : "under 10 prompts: no interval"}</td>
      <td className={td}>{m.n}</td>
    </tr>
  ));
}

/** An all-pairs study: the Elo leaderboard, the pairwise win-rate matrix and agreement. */
export function ArenaPanel({ r, slug }: { r: ArenaResults; slug: string }) {
  const models = [...r.ranking].map((m) => m.model);
  const anchor = [...models].sort()[0];
  const cell = (row: string, col: string) => {
    const p = r.pairs.find(
      (x) => (x.modelA === row && x.modelB === col) || (x.modelA === col && x.modelB === row),
    );
    if (!p) return null;
    const n = p.aWins + p.ties + p.bWins;
    if (n === 0) return null;
    const wins = p.modelA === row ? p.aWins : p.bWins;
    return { rate: (wins + 0.5 * p.ties) / n, n };
  };
  if (r.ranking.length === 0)
    return (
      <section className={box} data-testid="leaderboard">
        <h2 className="font-semibold">Leaderboard</h2>
        <p className="text-sm text-slate-600">No human verdicts match these filters yet.</p>
      </section>
    );
  return (
    <div className="space-y-6">
      <section className={box} data-testid="leaderboard">
        <h2 className="font-semibold">Leaderboard (human verdicts, every pair of models)</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th className={th}>Rank</th>
                <th className={th}>Model</th>
                <th className={th}>Elo</th>
                <th className={th}>95% interval</th>
                <th className={th}>Verdicts</th>
              </tr>
            </thead>
            <tbody>
              <LeaderboardRows ranking={r.ranking} testId="leaderboard-row" slug={slug} />
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-500">
          Bradley–Terry maximum likelihood (ties as half a win) on the Elo-like scale of FastChat&apos;s
          compute_mle_elo: 400 · log10 strength, <span className="font-mono">{anchor}</span> (first by name)
          at 1000. Intervals: 1,000 resamples of prompts. Rank: 1 + the number of models whose interval lies
          wholly above.
        </p>
      </section>
      {r.judges.map((j) => (
        <section key={j.judge} className={box} data-testid={`leaderboard-judge-${j.judge}`}>
          <h2 className="font-semibold">
            Leaderboard of LLM judge <span className="font-mono">{j.judge}</span> (one verdict per comparison)
          </h2>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <tbody>
                <LeaderboardRows ranking={j.ranking} slug={slug} />
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section className={box} data-testid="pair-matrix">
        <h2 className="font-semibold">Win rate of the row model against the column model (ties as half)</h2>
        <div className="overflow-x-auto">
          <table className="text-xs">
            <thead>
              <tr>
                <th className={th} />
                {models.map((m) => (
                  <th key={m} className="px-2 py-1 text-left font-mono font-medium">
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {models.map((row) => (
                <tr key={row} className="border-t border-slate-100">
                  <th className="px-2 py-1 text-left font-mono font-medium">{row}</th>
                  {models.map((col) => {
                    const c = row === col ? null : cell(row, col);
                    return (
                      <td
                        key={col}
                        className="px-2 py-1 tabular-nums"
                        title={c ? `${c.n} verdicts` : undefined}
                      >
                        {c ? pct(c.rate, 0) : "–"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className={box} data-testid="agreement">
        <h2 className="font-semibold">Agreement (human – human)</h2>
        <p className="text-sm">
          Over {r.agreement.comparisons} comparisons with two or more verdicts: tie-discounted accuracy{" "}
          {pct(r.agreement.tieDiscounted)}{" "}
          <span className={muted}>({pctInterval(r.agreement.ci95.tieDiscounted)})</span>, exact{" "}
          {pct(r.agreement.exact)} <span className={muted}>({pctInterval(r.agreement.ci95.exact)})</span>,
          Fleiss&apos; κ {num(r.agreement.fleissKappa)}{" "}
          <span className={muted}>({numInterval(r.agreement.ci95.fleissKappa)})</span>, Krippendorff&apos;s α{" "}
          {num(r.agreement.krippendorffAlpha)}{" "}
          <span className={muted}>({numInterval(r.agreement.ci95.krippendorffAlpha)})</span>.
        </p>
      </section>
    </div>
  );
}
