// Rebuilds data/demo/lima-demo.jsonl from data/lima (or a folder given as the argument) (kept for provenance; the output is committed).
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { DEMO_STUDY } from "@/features/setup";

const shared = path.resolve(process.argv[2] ?? "data/lima");
const rows = zlib
  .gunzipSync(fs.readFileSync(path.join(shared, "just-eval-lima300-13models.jsonl.gz")))
  .toString("utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { source_id: string; instruction: string; outputs: Record<string, string> });
const wanted = [DEMO_STUDY.reference, ...DEMO_STUDY.baselines];
const out = rows.map((r) =>
  JSON.stringify({
    prompt_id: r.source_id,
    prompt: r.instruction,
    source: "LIMA test set",
    responses: Object.fromEntries(wanted.map((m) => [m, r.outputs[m]])),
  }),
);
fs.writeFileSync(path.join("data", "demo", DEMO_STUDY.fileName), out.join("\n") + "\n");
console.log(`wrote ${out.length} prompts x ${wanted.length} models`);
