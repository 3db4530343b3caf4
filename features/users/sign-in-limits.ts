import { eq, sql } from "drizzle-orm";
import { endedSessions, knownClients, loginFailures } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { rowsOf } from "@/platform/db/client";
import { log } from "@/platform/log";

/** Failures that lock an email for the window (from clients it never signed in from). */
const MAX_FAILURES_PER_EMAIL = 10;
/** Failures from one client address, whatever the emails, that lock that client for the window. */
export const MAX_FAILURES_PER_CLIENT = 50;
const WINDOW = sql`now() - interval '15 minutes'`;
/** The table keeps at most this many rows (the newest); older than a day is pruned anyway. */
export const FAILURES_KEPT = 100_000;
// Advisory-lock namespaces: one per email, one per client address.
const EMAIL_LOCK = 7431101;
const CLIENT_LOCK = 7431102;

export type Reservation = { ok: true; id: number } | { ok: false; limit: "email" | "client" };

/**
 * Reserves one sign-in attempt before the password is checked, or refuses it. Under a lock per email (and per
 * client), the attempt is counted and recorded in one step: of any number of concurrent attempts, only as many
 * as the limit allows get to check a password. An email's failures lock it everywhere except at clients the
 * user has signed in from before, which keep their own limit: a stranger cannot lock a user out of their usual
 * client.
 */
export async function reserveAttempt(
  db: Db,
  args: { email: string; client: string | null; userId: string | null },
): Promise<Reservation> {
  const { email, client, userId } = args;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${EMAIL_LOCK}, hashtext(${email}))`);
    if (client) await tx.execute(sql`select pg_advisory_xact_lock(${CLIENT_LOCK}, hashtext(${client}))`);
    const known =
      userId && client
        ? sql`exists (select 1 from ${knownClients} where user_id = ${userId} and client = ${client})`
        : sql`false`;
    const [counts] = rowsOf<{ by_email: number; by_client: number }>(
      await tx.execute(sql`select
        (select count(*)::int from ${loginFailures} f where f.email = ${email} and f.at > ${WINDOW}
           and (not ${known} or f.client = ${client})) as by_email,
        (select count(*)::int from ${loginFailures} f where f.client = ${client} and f.at > ${WINDOW}) as by_client`),
    );
    if (counts.by_email >= MAX_FAILURES_PER_EMAIL) return { ok: false, limit: "email" } as const;
    if (client && counts.by_client >= MAX_FAILURES_PER_CLIENT) return { ok: false, limit: "client" } as const;
    const [row] = await tx
      .insert(loginFailures)
      .values({ email, client })
      .returning({ id: loginFailures.id });
    return { ok: true, id: row.id } as const;
  });
}

/** The password was right: the reservation is not a failure, and the client becomes known for the user. */
export async function attemptSucceeded(
  db: Db,
  args: { id: number; userId: string; client: string | null },
): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.id, args.id));
  if (args.client) {
    await db
      .insert(knownClients)
      .values({ userId: args.userId, client: args.client })
      .onConflictDoUpdate({
        target: [knownClients.userId, knownClients.client],
        set: { lastSeen: sql`now()` },
      });
  }
}

/** Ends a lockout at once (`cli users unlock`): the email's failures are forgotten. */
export async function unlockEmail(db: Db, email: string): Promise<number> {
  const deleted = await db
    .delete(loginFailures)
    .where(eq(loginFailures.email, email))
    .returning({ id: loginFailures.id });
  return deleted.length;
}

/** Drops failures older than a day and all but the newest FAILURES_KEPT rows, and ended sessions past expiry (by index). */
export async function pruneFailures(db: Db): Promise<void> {
  await db.execute(sql`delete from ${loginFailures} where at < now() - interval '1 day'`);
  await db.execute(sql`delete from ${endedSessions} where expires_at < now()`);
  await db.execute(
    sql`delete from ${loginFailures} where id <= (select max(id) from ${loginFailures}) - ${FAILURES_KEPT}`,
  );
}

let lastPrune = 0;

/** Prunes at most once a minute per process, off the sign-in's own path (a failed sign-in never waits for it). */
export function pruneInBackground(db: Db): void {
  if (Date.now() - lastPrune < 60_000) return;
  lastPrune = Date.now();
  void pruneFailures(db).catch((err: Error) =>
    log.warn({ err: err.message }, "pruning sign-in failures failed"),
  );
}
