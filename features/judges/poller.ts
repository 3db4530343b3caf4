import type { Db } from "@/platform/db/client";
import { log } from "@/platform/log";
import { claimRun, runnerName } from "./claims";
import { executeJudgeRun } from "./runner";

const POLL_MS = 3000;

/**
 * In a server process: every few seconds, claim a queued run (or one whose runner died) and run it; one at a time
 * per process, and each run on one process only (claims take row locks). Without an API key nothing is claimed,
 * so runs wait for a server that has one.
 */
export function startJudgePoller(getDb: () => Promise<Db>, apiKey: string | undefined): void {
  if (!apiKey) return;
  const runner = runnerName();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const db = await getDb();
      const runId = await claimRun(db, runner);
      if (runId !== null) {
        log.info({ runId }, "judge run claimed");
        const outcome = await executeJudgeRun(db, { runId, runner, apiKey });
        log.info({ runId, outcome }, "judge run finished");
      }
    } catch (err) {
      log.error({ err: (err as Error).message }, "judge run failed");
    } finally {
      busy = false;
    }
  };
  setInterval(() => void tick(), POLL_MS).unref();
}
