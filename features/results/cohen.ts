import type { PairTableRow } from "./queries";
import { cohenKappa } from "./stats/agreement";

const VERDICTS = ["baseline", "tie", "reference"] as const;
/** Below this many shared comparisons a pair's kappa is too noisy to list. */
const MIN_SHARED = 20;

/** Cohen's kappa for every pair of annotators who share at least 20 comparisons. */
export function cohenPerPair(rows: PairTableRow[]) {
  const tables = new Map<string, number[][]>();
  for (const r of rows) {
    const key = `${r.a}\u0000${r.b}`;
    if (!tables.has(key))
      tables.set(
        key,
        VERDICTS.map(() => [0, 0, 0]),
      );
    tables.get(key)![VERDICTS.indexOf(r.va as never)][VERDICTS.indexOf(r.vb as never)] += r.n;
  }
  return [...tables]
    .map(([key, t]) => {
      const [a, b] = key.split("\u0000");
      return { a, b, n: t.flat().reduce((x, y) => x + y, 0), kappa: cohenKappa(t) };
    })
    .filter((c) => c.n >= MIN_SHARED);
}
