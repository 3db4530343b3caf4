import fs from "node:fs";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";
import { fixtures, storageStates } from "./fixtures/data";

test.use({ storageState: storageStates.annotator });

// The labelling page's first-load JavaScript, gzip-compressed as a server would send it: target < 150 kB.
test("the labelling page loads under 150 kB of JavaScript (gzip)", async ({ page }) => {
  const scripts = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    pending.push(res.body().then((b) => void scripts.set(res.url(), zlib.gzipSync(b, { level: 9 }).length)));
  });
  await page.goto(`/annotate/${fixtures().blindId}`, { waitUntil: "networkidle" });
  await Promise.all(pending);
  const totalKb = [...scripts.values()].reduce((a, b) => a + b, 0) / 1024;
  console.log(`first-load JS of /annotate/[studyId]: ${totalKb.toFixed(1)} kB gzip in ${scripts.size} files`);
  fs.mkdirSync("reports", { recursive: true });
  fs.writeFileSync(
    "reports/first-load-js.json",
    JSON.stringify({ route: "/annotate/[studyId]", kbGzip: Number(totalKb.toFixed(1)), files: scripts.size }),
  );
  expect(scripts.size).toBeGreaterThan(0);
  expect(totalKb).toBeLessThan(150);
});
