import { Worker } from "node:worker_threads";

/**
 * Outcomes grouped by prompt (prompt p holds outcomes offsets[p] .. offsets[p + 1] - 1), each with its pair's index
 * and the wins of the pair's first model and games it adds.
 */
export type PairOutcomes = {
  offsets: Int32Array;
  pairOf: Int32Array;
  wins: Float64Array;
  games: Float64Array;
  pairs: number;
};

/**
 * Each resample's pair totals: for resample r, out[r * 2Q + 2q] the wins and out[r * 2Q + 2q + 1] the games of
 * pair q, summed over the prompts with their multiplicity in that resample (multiplicities[r * P + p]).
 */
function accumulate(
  o: PairOutcomes,
  multiplicities: Uint16Array,
  from: number,
  to: number,
  out: Float64Array,
  outStart: number,
) {
  const P = o.offsets.length - 1;
  const Q2 = 2 * o.pairs;
  for (let r = from; r < to; r++) {
    const base = (r - outStart) * Q2;
    const mBase = r * P;
    for (let p = 0; p < P; p++) {
      const w = multiplicities[mBase + p];
      if (w === 0) continue;
      const end = o.offsets[p + 1];
      for (let k = o.offsets[p]; k < end; k++) {
        const q = base + 2 * o.pairOf[k];
        out[q] += w * o.wins[k];
        out[q + 1] += w * o.games[k];
      }
    }
  }
}

// The worker runs the same loop, on shared memory: its source is this function's own text.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const accumulate = (${accumulate.toString()});
const d = workerData;
const o = { offsets: new Int32Array(d.offsets), pairOf: new Int32Array(d.pairOf), wins: new Float64Array(d.wins),
  games: new Float64Array(d.games), pairs: d.pairs };
const out = new Float64Array(d.out);
accumulate(o, new Uint16Array(d.multiplicities), d.from, d.to, out, d.from);
parentPort.postMessage("done");
`;

/** Below this many outcome additions (outcomes x resamples) a second thread costs more than it saves. */
const PARALLEL_WORK = 50_000_000;

const shared = <T extends Int32Array | Float64Array | Uint16Array>(a: T): T => {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(buffer);
  copy.set(a);
  return copy;
};

/**
 * The pair totals of `resamples` resamples whose multiplicities are given (drawn beforehand, in order, so the result
 * does not depend on how the work is split): on large data half of them on a worker thread, half here.
 */
export async function pairTotals(
  o: PairOutcomes,
  multiplicities: Uint16Array,
  resamples: number,
): Promise<Float64Array> {
  const Q2 = 2 * o.pairs;
  const work = o.wins.length * resamples;
  if (work < PARALLEL_WORK || resamples < 2) {
    const out = new Float64Array(resamples * Q2);
    accumulate(o, multiplicities, 0, resamples, out, 0);
    return out;
  }
  const half = Math.floor(resamples / 2);
  const sharedOut = new Float64Array(new SharedArrayBuffer((resamples - half) * Q2 * 8));
  const s = {
    offsets: shared(o.offsets),
    pairOf: shared(o.pairOf),
    wins: shared(o.wins),
    games: shared(o.games),
  };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      offsets: s.offsets.buffer,
      pairOf: s.pairOf.buffer,
      wins: s.wins.buffer,
      games: s.games.buffer,
      pairs: o.pairs,
      multiplicities: shared(multiplicities).buffer,
      out: sharedOut.buffer,
      from: half,
      to: resamples,
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`pair totals worker exited ${code}`)),
    );
  });
  const out = new Float64Array(resamples * Q2);
  accumulate(o, multiplicities, 0, half, out, 0);
  await finished;
  out.set(sharedOut, half * Q2);
  return out;
}
