// Prints one closing line for the whole `npm test` run from the Vitest and Playwright JSON reports.
import fs from "node:fs";

const read = (f: string) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
const vitest = read("reports/vitest.json");
const e2e = read("reports/e2e.json");
let passed = vitest?.numPassedTests ?? 0;
let failed = vitest?.numFailedTests ?? 0;
let skipped = vitest?.numPendingTests ?? 0;
if (e2e) {
  passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  failed += e2e.stats.unexpected ?? 0;
  skipped += e2e.stats.skipped ?? 0;
} else {
  console.log("(end-to-end tests did not run)");
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
