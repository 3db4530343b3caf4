import pg from "pg";
import { openDb, type DbHandle } from "@/platform/db/client";
import { runMigrations } from "@/platform/db/migrate";

/** A fresh, migrated Postgres database for one benchmark, dropped afterwards (kept with BENCH_KEEP=1). */
export async function withBenchDatabase<T>(
  name: string,
  fn: (ctx: { handle: DbHandle; url: string }) => Promise<T>,
): Promise<T> {
  const server =
    process.env.TEST_DATABASE_URL ||
    process.env.DATABASE_URL ||
    "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `verdict_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const handle = await openDb({ kind: "postgres", url: url.toString() });
  try {
    await runMigrations(handle);
    return await fn({ handle, url: url.toString() });
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${url}`);
    else await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
