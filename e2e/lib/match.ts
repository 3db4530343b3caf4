import fs from "node:fs";

type DemoRow = { prompt_id: string; prompt: string; responses: Record<string, string> };
const demo: DemoRow[] = fs
  .readFileSync("data/demo/lima-demo.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);
function jaccard(a: Set<string>, b: Set<string>) {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  return inter / (a.size + b.size - inter || 1);
}
function best<T>(items: T[], score: (t: T) => number): T {
  return items.reduce((x, y) => (score(y) > score(x) ? y : x));
}

/** Finds, from the shipped demo file alone, the prompt and the model whose response a rendered text shows. */
export function identify(promptText: string, responseText: string): { promptId: string; model: string } {
  const p = words(promptText);
  const row = best(demo, (r) => jaccard(p, words(r.prompt)));
  const r = words(responseText);
  const model = best(Object.keys(row.responses), (m) => jaccard(r, words(row.responses[m])));
  return { promptId: row.prompt_id, model };
}

export const demoReference = "tulu-2-dpo-70b";
