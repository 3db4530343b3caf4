// `npm start`: build once if needed, then run `next start` (migrations, demo and admin happen in the server).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const nextBin = path.resolve("node_modules/.bin/next");
if (!fs.existsSync(path.resolve(".next/BUILD_ID"))) {
  console.log("[verdict] no production build yet: running `next build` (takes a minute or two, once)");
  const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const server = spawn(nextBin, ["start", "-p", port, ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
