// `npm run bench -- <scenario>`: prints figures and ratios measured in one run and saves them as JSON.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchAnnotate } from "./annotate";
import { benchElo } from "./elo";
import { benchImport } from "./import";
import { benchJudge } from "./judge";
import { benchPace } from "./pace";
import { benchResults } from "./results";
import type { BenchResult } from "./types";

const scenarios: Record<string, () => Promise<BenchResult[]>> = {
  annotate: benchAnnotate,
  elo: benchElo,
  import: benchImport,
  judge: benchJudge,
  pace: benchPace,
  results: benchResults,
  export: benchResults,
};

const name = process.argv[2] ?? "import";
const run = scenarios[name];
if (!run) {
  console.error(`unknown scenario "${name}"; choose one of: ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}
// The annotate benchmark drives `next start`: build the app first when there is no production build.
if ((name === "annotate" || name === "pace") && !fs.existsSync(".next/BUILD_ID")) {
  console.log("bench: no production build yet, running `next build` first");
  const build = spawnSync("node_modules/.bin/next", ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const results = await run();
const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\n${name} on ${machine}`);
for (const r of results) {
  const ratio = r.ratio === undefined ? "" : `  ratio ${r.ratio.toPrecision(2)}`;
  console.log(
    `  ${r.name}: ${Math.abs(r.value) >= 1 || r.value === 0 ? r.value.toFixed(1) : r.value.toPrecision(2)} ${r.unit}${r.target ? ` (target ${r.target})` : ""}${ratio}${r.note ? `  ${r.note}` : ""}`,
  );
}
fs.mkdirSync("bench/results", { recursive: true });
const out = path.join("bench/results", `${name}.json`);
fs.writeFileSync(
  out,
  JSON.stringify({ scenario: name, machine, at: new Date().toISOString(), results }, null, 2),
);
console.log(`saved ${out}`);
