import { describe, expect, it } from "vitest";
import { pairTotals } from "./pair-totals";
import { seededRandom } from "./random";

describe("pairTotals", () => {
  // Large enough (200,000 outcomes x 300 resamples) to split the work with a worker thread: the totals must be the
  // ones a plain loop over every resample gives, in the same order.
  it("gives the same totals on two threads as a plain loop", async () => {
    const random = seededRandom(9);
    const P = 4000;
    const X = 200_000;
    const R = 300;
    const offsets = Int32Array.from({ length: P + 1 }, (_, p) => Math.round((p * X) / P));
    const pairOf = Int32Array.from({ length: X }, () => Math.floor(random() * 78));
    const wins = Float64Array.from({ length: X }, () => Math.floor(random() * 3) / 2);
    const games = Float64Array.from({ length: X }, () => 1 + Math.floor(random() * 2));
    const multiplicities = Uint16Array.from({ length: R * P }, () =>
      random() < 0.37 ? 0 : 1 + Math.floor(random() * 3),
    );
    const totals = await pairTotals({ offsets, pairOf, wins, games, pairs: 78 }, multiplicities, R);
    const expected = new Float64Array(R * 156);
    for (let r = 0; r < R; r++)
      for (let p = 0; p < P; p++)
        for (let k = offsets[p]; k < offsets[p + 1]; k++) {
          expected[r * 156 + 2 * pairOf[k]] += multiplicities[r * P + p] * wins[k];
          expected[r * 156 + 2 * pairOf[k] + 1] += multiplicities[r * P + p] * games[k];
        }
    expect(totals).toEqual(expected);
  });
});
