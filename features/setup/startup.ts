import { renderInBackground } from "@/features/annotation";
import { startJudgePoller } from "@/features/judges";
import { clearSnapshots } from "@/features/results";
import { getDbHandle } from "@/platform/db";
import { env } from "@/platform/env";
import { serverSecret } from "@/platform/secret";
import { prepareDatabase } from "./bootstrap";

/** Runs once when a server process starts, before any request: environment, secret, database, seed. */
export async function startServer(): Promise<void> {
  try {
    env();
    serverSecret();
    const handle = await getDbHandle();
    await prepareDatabase(handle);
    const where =
      handle.target.kind === "postgres"
        ? "Postgres (DATABASE_URL)"
        : `embedded PGlite in ${handle.target.dataDir}, shared with the CLI on a local socket`;
    console.log(`[verdict] database ready: ${where}`);
    // Stored results were computed by whichever build ran before; this one may compute them differently.
    await clearSnapshots(handle.db);
    // Texts not rendered by this renderer version (the demo seed just loaded, a new version, an upload cut off) are
    // rendered once, now.
    renderInBackground(handle.db);
    // Judge runs queued from the app are taken by a server that has an API key.
    startJudgePoller(async () => (await getDbHandle()).db, env().VERDICT_JUDGE_API_KEY);
  } catch (err) {
    console.error(`[verdict] cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}
