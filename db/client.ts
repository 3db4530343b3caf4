import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseTarget, type DatabaseTarget } from "@/lib/config";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbHandle = { db: Db; target: DatabaseTarget; close: () => Promise<void> };

/** Opens a database for the given target: a pg Pool for Postgres, embedded PGlite otherwise. */
export async function openDb(target: DatabaseTarget = databaseTarget()): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const pool = new Pool({
      connectionString: target.url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis: 2_000,
    });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    const db = drizzle(pool, { schema }) as unknown as Db;
    return { db, target, close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (!target.dataDir.startsWith("memory://")) fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
  const client = await PGlite.create(target.dataDir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, target, close: () => client.close() };
}

/** Rows of a raw `db.execute(sql...)` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The Postgres error behind a driver or ORM error (drizzle wraps the driver's error as `cause`). */
export function pgErrorOf(err: unknown): { code: string; constraint?: string } | null {
  for (let e = err as { code?: unknown; constraint?: string; cause?: unknown } | null; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
  }
  return null;
}
