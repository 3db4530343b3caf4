import path from "node:path";
import type { DbHandle } from "./client";

const migrationsFolder = path.join(process.cwd(), "db", "migrations");
const STARTUP_LOCK = 7431001;

/** Applies the committed SQL migrations with drizzle's migrator. */
export async function runMigrations(handle: DbHandle): Promise<void> {
  if (handle.driver !== "pglite") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

/** Runs `fn` while holding a Postgres advisory lock, so several instances starting at once take turns. */
export async function withStartupLock<T>(handle: DbHandle, fn: () => Promise<T>): Promise<T> {
  // The embedded database has one writer process (its lock); Postgres may have several instances starting at once.
  if (handle.driver !== "pg" || handle.target.kind !== "postgres") return fn();
  const { Client } = await import("pg");
  const lockClient = new Client({ connectionString: handle.target.url });
  await lockClient.connect();
  try {
    await lockClient.query("select pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await fn();
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => {});
    await lockClient.end();
  }
}
