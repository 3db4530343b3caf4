// `npm run test:e2e`: Playwright in Debian's Chromium against `next start` on a throwaway database.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createScratchDatabase } from "../test-utils/scratch-db";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  const hint = "install it with `apt-get install -y chromium` or set CHROMIUM_PATH";
  if (process.env.CI === "true") {
    console.error(`e2e: no Chromium at ${chromium}: ${hint}`);
    process.exit(1);
  }
  console.log(`e2e skipped: no Chromium at ${chromium}; ${hint}`);
  process.exit(0);
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHROMIUM_PATH: chromium,
  ADMIN_EMAIL: "e2e-admin@verdict.local",
  ADMIN_PASSWORD: "e2e-admin-password",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  // Judge runs started in the app go to a stand-in endpoint the judge test starts on loopback.
  VERDICT_JUDGE_API_KEY: "e2e-judge-key",
};
const server = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-e2e-"));

const scratch = server ? await createScratchDatabase(server, "verdict_e2e") : null;
if (scratch) {
  env.DATABASE_URL = scratch.url;
} else {
  delete env.DATABASE_URL;
  env.VERDICT_DATA_DIR = dataDir;
}
console.log(`e2e: database ${scratch ? `Postgres ${scratch.name}` : `PGlite in ${dataDir}`}`);

let status = 1;
try {
  if (!fs.existsSync(".next/BUILD_ID")) {
    const build = spawnSync("node_modules/.bin/next", ["build"], { stdio: "inherit", env });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const prepared = spawnSync("node_modules/.bin/tsx", ["e2e/fixtures/prepare.ts"], { stdio: "inherit", env });
  if (prepared.status !== 0) throw new Error("preparing e2e fixtures failed");
  status =
    spawnSync("node_modules/.bin/playwright", ["test", ...process.argv.slice(2)], { stdio: "inherit", env })
      .status ?? 1;
} finally {
  await scratch?.drop().catch((e: Error) => console.error(e.message));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
