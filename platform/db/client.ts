import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseTarget, type DatabaseTarget } from "@/platform/env";
import * as schema from "@/db/schema";

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

const dialect = new PgDialect();
type PgPoolLike = { query: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }>; totalCount: number };

/**
 * Rows of a statement on the hot path. On Postgres it runs as a named prepared statement (parsed and planned once
 * per connection, not on every call: 4x less database time for the serving statement); on PGlite as usual.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client as PgPoolLike | undefined;
  if (!client || typeof client.query !== "function" || !("totalCount" in client)) return rowsOf<T>(await db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `v_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  return (await client.query({ name, text, values: params })).rows as T[];
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
