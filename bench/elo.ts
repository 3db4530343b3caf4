// `npm run bench -- elo`: the all-pairs leaderboard's fit with its bootstrap, 13 models and 1M verdicts, in memory.

import { eloRanking, seededRandom, type PairOutcome } from "@/features/results";
import type { BenchResult } from "./types";

const MODELS = 13;
const PROMPTS = 10_000;
const VERDICTS = 1_000_000;

export async function benchElo(): Promise<BenchResult[]> {
  const random = seededRandom(5);
  const names = Array.from({ length: MODELS }, (_, i) => `model-${String(i).padStart(2, "0")}`);
  const strength = names.map((_, i) => Math.exp(i / 4));
  const pairs = names.flatMap((a, i) => names.slice(i + 1).map((_, j) => [i, i + 1 + j] as const));
  // 1M verdicts spread over every prompt and pair (about 1.3 per prompt and pair), ties 15%.
  const cells = new Map<number, { winsA: number; n: number }>();
  for (let v = 0; v < VERDICTS; v++) {
    const prompt = Math.floor(random() * PROMPTS);
    const pair = Math.floor(random() * pairs.length);
    const [a, b] = pairs[pair];
    const u = random();
    const win = u < 0.15 ? 0.5 : random() < strength[a] / (strength[a] + strength[b]) ? 1 : 0;
    const key = prompt * pairs.length + pair;
    const c = cells.get(key) ?? { winsA: 0, n: 0 };
    c.winsA += win;
    c.n++;
    cells.set(key, c);
  }
  const perPrompt: PairOutcome[][] = Array.from({ length: PROMPTS }, () => []);
  for (const [key, c] of cells) {
    const [a, b] = pairs[key % pairs.length];
    perPrompt[Math.floor(key / pairs.length)].push({ a: names[a], b: names[b], winsA: c.winsA, n: c.n });
  }
  const started = performance.now();
  const ranking = await eloRanking(perPrompt);
  const ms = performance.now() - started;
  const top = ranking[0];
  console.log(
    `top: ${top.model} ${top.elo.toFixed(0)} [${top.ci95![0].toFixed(0)}, ${top.ci95![1].toFixed(0)}]`,
  );
  return [
    {
      name: `Elo fit + 1,000 prompt resamples, ${MODELS} models, ${VERDICTS.toLocaleString("en")} verdicts (${cells.size.toLocaleString("en")} prompt x pair cells)`,
      value: ms,
      unit: "ms",
      target: "< 2,000 ms",
    },
  ];
}
