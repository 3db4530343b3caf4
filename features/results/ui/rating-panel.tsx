import Link from "next/link";
import type { RatingResults } from "@/features/results/rating";
import type { RatingDistribution } from "@/features/results/stats/ratings";
import { interval, itemsOf, muted, num, numInterval, pct, td, th } from "./format";

const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

function DistributionRow({
  label,
  href,
  d,
  scale,
  numeric,
}: {
  label: string;
  href?: string;
  d: RatingDistribution;
  scale: string[];
  numeric: boolean;
}) {
  return (
    <tr className="border-t border-slate-100 align-top" data-testid="rating-row">
      <td className="px-3 py-2 font-mono">
        {href ? (
          <Link className="underline decoration-dotted" href={href}>
            {label}
          </Link>
        ) : (
          label
        )}
      </td>
      <td className={td}>{d.n}</td>
      {scale.map((l, i) => (
        <td key={l} className={td}>
          {d.counts[i]} · {pct(d.rates[i])}
          <span className={`block whitespace-nowrap text-xs ${muted}`}>{interval(d.ci95[i])}</span>
        </td>
      ))}
      {numeric ? (
        <td className={td}>
          {num(d.mean, 2)} <span className={`block text-xs ${muted}`}>{numInterval(d.meanCi95, 2)}</span>
        </td>
      ) : null}
    </tr>
  );
}

/** A rating study: each model's distribution over the scale (and per turn), with intervals, and agreement. */
export function RatingPanel({ r, slug }: { r: RatingResults; slug: string }) {
  const head = (first: string) => (
    <thead className="bg-slate-100">
      <tr>
        <th className={th}>{first}</th>
        <th className={th}>n</th>
        {r.scale.map((l) => (
          <th key={l} className={th}>
            {l}
          </th>
        ))}
        {r.numeric ? <th className={th}>Mean</th> : null}
      </tr>
    </thead>
  );
  if (r.models.length === 0)
    return (
      <section className={box} data-testid="ratings">
        <h2 className="font-semibold">Ratings</h2>
        <p className="text-sm text-slate-600">No human ratings match these filters yet.</p>
      </section>
    );
  // One table per rater kind (humans, each judge): a row per model, its name opening the model's items.
  const modelTable = (models: RatingResults["models"]) => (
    <table className="w-full text-sm">
      {head("Model")}
      <tbody>
        {models.map((m) => (
          <DistributionRow
            key={m.model}
            label={m.model}
            href={itemsOf(slug, m.model)}
            d={m}
            scale={r.scale}
            numeric={r.numeric}
          />
        ))}
      </tbody>
    </table>
  );
  return (
    <div className="space-y-6">
      <section className={box} data-testid="ratings">
        <h2 className="font-semibold">Ratings per model (human), on {r.scale.join(" < ")}</h2>
        <div className="overflow-x-auto">{modelTable(r.models)}</div>
        <p className="text-xs text-slate-500">
          Beneath each share: its 95% interval from a bootstrap over prompts (1,000 resamples, fixed seed;
          none under 10 prompts). Every rated turn counts once.
        </p>
      </section>
      {r.judges.map((j) => (
        <section key={j.judge} className={box} data-testid={`ratings-judge-${j.judge}`}>
          <h2 className="font-semibold">
            LLM judge <span className="font-mono">{j.judge}</span>: ratings per model
          </h2>
          <div className="overflow-x-auto">{modelTable(j.models)}</div>
        </section>
      ))}
      {r.byTurn.length ? (
        <section className={box} data-testid="ratings-by-turn">
          <h2 className="font-semibold">By turn (multi-turn responses)</h2>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              {head("Model, turn")}
              <tbody>
                {r.byTurn.map((t) => (
                  <DistributionRow
                    key={`${t.model}-${t.turn}`}
                    label={`${t.model}, turn ${t.turn}`}
                    d={t}
                    scale={r.scale}
                    numeric={r.numeric}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className={box} data-testid="agreement">
        <h2 className="font-semibold">Agreement</h2>
        <p className="text-sm">
          Over {r.agreement.units} rated units (a response, or one turn of it) with two or more ratings:
          Krippendorff&apos;s α (ordinal) {num(r.agreement.krippendorffAlpha)}
          {r.numeric ? (
            <>, α (interval, on the labels&apos; values) {num(r.agreement.krippendorffAlphaInterval)}</>
          ) : null}
          .
        </p>
        {r.agreement.weightedKappa.length ? (
          <div className="overflow-x-auto">
            <table className="text-sm">
              <tbody>
                {r.agreement.weightedKappa.map((k) => (
                  <tr key={`${k.a}-${k.b}`} className="border-t border-slate-100">
                    <td className="px-3 py-1 font-mono">
                      {k.a} – {k.b}
                    </td>
                    <td className={td}>n = {k.n}</td>
                    <td className={td}>weighted κ = {num(k.kappa)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="text-xs text-slate-500">
          Weighted κ: Cohen&apos;s, quadratic weights, for each pair of annotators with at least 20 shared
          units.
        </p>
      </section>
    </div>
  );
}
