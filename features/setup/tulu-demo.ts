import fs from "node:fs";
import path from "node:path";
import Papa from "papaparse";

/** One row of the Tülu 1 human evaluation CSV (data/validation), the columns Verdict reads. */
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

export function readTuluCsv(file: string): TuluRow[] {
  const parsed = Papa.parse<TuluRow>(fs.readFileSync(file, "utf8"), { header: true, skipEmptyLines: true });
  if (parsed.errors.length) {
    const e = parsed.errors[0];
    throw new Error(`${file}:${(e.row ?? 0) + 2}: ${e.message}`);
  }
  return parsed.data;
}

/** The 5-point preference folded to Verdict's three outcomes: "better" and "slightly better" both win. */
function tuluWinner(preference: string): "model_a" | "model_b" | "tie" {
  return preference.startsWith("a-") ? "model_a" : preference.startsWith("b-") ? "model_b" : "tie";
}

/**
 * Writes a Verdict items file (one prompt a line, every model's response) and a judgments file (one verdict a
 * row, evaluator as annotator, the CSV's timestamp as UTC) built from the Tülu rows into `dir`.
 */
export function writeTuluFiles(dir: string, rows: TuluRow[]): { items: string; judgments: string } {
  const prompts = new Map<string, { prompt: string; responses: Record<string, string> }>();
  for (const r of rows) {
    const p = prompts.get(r.instance_id) ?? { prompt: r.prompt, responses: {} };
    p.responses[r.model_a] = r.completion_a;
    p.responses[r.model_b] = r.completion_b;
    prompts.set(r.instance_id, p);
  }
  const items = path.join(dir, "tulu-items.jsonl");
  const itemLines = [...prompts].map(([id, p]) =>
    JSON.stringify({
      prompt_id: id,
      prompt: p.prompt,
      source: "Tülu 1 human evaluation",
      responses: p.responses,
    }),
  );
  fs.writeFileSync(items, itemLines.join("\n") + "\n");
  const judgments = path.join(dir, "tulu-judgments.jsonl");
  const judgmentLines = rows.map((r) =>
    JSON.stringify({
      prompt_id: r.instance_id,
      model_a: r.model_a,
      model_b: r.model_b,
      winner: tuluWinner(r.preference),
      annotator: r.evaluator,
      kind: "human",
      created_at: r.timestamp.replace(" ", "T") + "Z",
    }),
  );
  fs.writeFileSync(judgments, judgmentLines.join("\n") + "\n");
  return { items, judgments };
}
