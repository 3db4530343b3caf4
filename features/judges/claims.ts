import os from "node:os";
import { sql } from "drizzle-orm";
import { isAlive, procStartOf } from "@/platform/db/embedded-lock";
import { rowsOf, type Db } from "@/platform/db/client";

/** A runner's name: host, pid and the process's start time, so a dead runner on this host is known at once. */
export function runnerName(): string {
  return `${os.hostname()}|${process.pid}|${procStartOf(process.pid) ?? ""}`;
}

/** A run's heartbeat older than this means its runner died (on another host; on this one, the pid tells). */
const STALE_SECONDS = 30;

/** Whether a run claimed by `claimedBy` with this heartbeat has a live runner. */
export function runnerAlive(claimedBy: string | null, heartbeatAt: Date | null): boolean {
  if (!claimedBy || !heartbeatAt) return false;
  if (Date.now() - heartbeatAt.getTime() > STALE_SECONDS * 1000) return false;
  const [host, pid, start] = claimedBy.split("|");
  if (host === os.hostname()) return isAlive({ pid: Number(pid), procStart: start || null });
  return true;
}

/**
 * Claims a run for this runner with a row lock: a queued run, or one whose runner died. Questions its dead runner
 * was asking go back to pending. Without `runId`, the oldest such run of any study. Null when there is none.
 */
export async function claimRun(db: Db, runner: string, runId?: number): Promise<number | null> {
  return db.transaction(async (tx) => {
    const candidates = rowsOf<{
      id: number;
      status: string;
      claimed_by: string | null;
      heartbeat_at: Date | string | null;
    }>(
      await tx.execute(sql`select id, status::text as status, claimed_by, heartbeat_at from judge_runs
        where status in ('queued', 'running') ${runId === undefined ? sql`` : sql`and id = ${runId}`}
        order by id for update skip locked`),
    );
    const free = candidates.find(
      (c) =>
        c.status === "queued" ||
        !runnerAlive(c.claimed_by, c.heartbeat_at === null ? null : new Date(c.heartbeat_at)),
    );
    if (!free) return null;
    await tx.execute(sql`update judge_runs set status = 'running', claimed_by = ${runner}, heartbeat_at = now()
      where id = ${free.id}`);
    await tx.execute(
      sql`update judge_requests set status = 'pending' where run_id = ${free.id} and status = 'running'`,
    );
    return free.id;
  });
}
