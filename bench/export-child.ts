// Runs one CSV export to a null sink and prints {bytes, ms, maxRssMb}: its own process so peak RSS is its own.
import { openDb } from "@/platform/db/client";
import { encodeRows, JUDGMENT_COLUMNS, judgmentExportBatches } from "@/features/results";

const [url, slug] = process.argv.slice(2);
const handle = await openDb({ kind: "postgres", url });
const started = performance.now();
let bytes = 0;
const reader = encodeRows(judgmentExportBatches(handle.db, { slug }), JUDGMENT_COLUMNS, "csv").getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  bytes += value.length;
}
const ms = performance.now() - started;
await handle.close();
console.log(JSON.stringify({ bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
