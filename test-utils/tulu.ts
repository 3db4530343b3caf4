import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/** The Tülu 1 human evaluation (../shared/validation), found from the repo root or its parent. */
export const TULU_CSV = [path.resolve("../shared/validation/tulu1-human-eval.csv"), path.resolve("shared/validation/tulu1-human-eval.csv")].find(
  (p) => fs.existsSync(p),
);

export type TuluRow = {
  instance_id: string;
  prompt: string;
  model_a: string;
  model_b: string;
  completion_a: string;
  completion_b: string;
  preference: string;
  evaluator: string;
  timestamp: string;
};

export function readTulu(): TuluRow[] {
  if (!TULU_CSV) throw new Error("shared/validation/tulu1-human-eval.csv not found beside the checkout");
  return parse(fs.readFileSync(TULU_CSV), { columns: true, bom: true });
}

/** Writes Verdict items and judgments files built from the Tülu rows (5-point preference folded to 3). */
export function writeTuluFiles(dir: string, rows = readTulu()): { items: string; judgments: string } {
  const prompts = new Map<string, { prompt: string; responses: Record<string, string> }>();
  for (const r of rows) {
    const p = prompts.get(r.instance_id) ?? { prompt: r.prompt, responses: {} };
    p.responses[r.model_a] = r.completion_a;
    p.responses[r.model_b] = r.completion_b;
    prompts.set(r.instance_id, p);
  }
  const items = path.join(dir, "tulu-items.jsonl");
  fs.writeFileSync(
    items,
    [...prompts].map(([id, p]) => JSON.stringify({ prompt_id: id, prompt: p.prompt, responses: p.responses })).join("\n") + "\n",
  );
  const winner = (pref: string) => (pref.startsWith("a-") ? "model_a" : pref.startsWith("b-") ? "model_b" : "tie");
  const judgments = path.join(dir, "tulu-judgments.jsonl");
  fs.writeFileSync(
    judgments,
    rows
      .map((r) =>
        JSON.stringify({
          prompt_id: r.instance_id,
          model_a: r.model_a,
          model_b: r.model_b,
          winner: winner(r.preference),
          annotator: r.evaluator,
          kind: "human",
          created_at: r.timestamp.replace(" ", "T") + "Z",
        }),
      )
      .join("\n") + "\n",
  );
  return { items, judgments };
}
