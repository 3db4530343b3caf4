// `npm start`: build once if needed, then run `next start` (migrations, demo and admin happen in the server).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isAlive, inUseMessage, lockPathFor, readLock } from "../platform/db/embedded-lock";
import { databaseTarget, parseEnv } from "../platform/env";

process.env.NEXT_TELEMETRY_DISABLED = "1";
// Fail fast, before a build or a server start, when another process has the embedded database open (the server
// checks again itself; this only saves the wait).
const target = databaseTarget(parseEnv(process.env));
if (target.kind === "pglite" && !target.dataDir.startsWith("memory://")) {
  const holder = readLock(lockPathFor(target.dataDir));
  if (holder && isAlive(holder)) {
    console.error(`[verdict] cannot start: ${inUseMessage(target.dataDir, holder)}`);
    process.exit(1);
  }
}
const nextBin = path.resolve("node_modules/.bin/next");
if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
  console.log("[verdict] no production build yet: running `next build` (takes a minute or two, once)");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const server = spawn(nextBin, ["start", "-p", port, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
