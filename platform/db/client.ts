import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool, PoolConfig } from "pg";
import { databaseTarget, env, type DatabaseTarget } from "@/platform/env";
import { acquireLock, inUseMessage, lockPathFor } from "./embedded-lock";
import { serveEmbedded, socketDirFor, SOCKET_PORT } from "./embedded-server";
import * as schema from "@/db/schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** `driver`: how this process reaches the database; "pg-embedded" is `pg` over the socket of a running server. */
export type DbHandle = {
  db: Db;
  target: DatabaseTarget;
  driver: "pg" | "pglite" | "pg-embedded";
  close: () => Promise<void>;
};

/** A process that finds the embedded database taken by another. */
class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseInUseError";
  }
}

// Marks pools of real Postgres connections (not the embedded server's one session): hot statements may be named
// prepared statements there (the mark holds their pool, see preparedRows), and a long read may hold a connection.
// The mark is on the pool, which a wrapper of the db object (the tests' proxy) still hands out as `$client`, under
// a symbol from the global registry: the server's bundles hold several copies of this module, and a set local to
// one copy did not know the pool another copy opened (the server ran every statement unprepared).
const OWN_CONNECTIONS = Symbol.for("verdict.db.ownConnections");

/**
 * Opens the database of `target`: a pg Pool for Postgres, else the embedded PGlite folder. The folder is opened by
 * one process at a time (see embedded-lock.ts): `serve` (the app) opens it and serves it to other processes on a
 * private socket; anyone else connects to that server when one runs, else opens the folder itself, and fails
 * with a message naming the holder when another process has it open alone.
 */
export async function openDb(
  target: DatabaseTarget = databaseTarget(),
  opts: { serve?: boolean } = {},
): Promise<DbHandle> {
  if (target.kind === "postgres")
    return openPool(target, { connectionString: target.url, max: env().DATABASE_POOL_SIZE }, "pg");
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (target.dataDir.startsWith("memory://")) {
    const client = await PGlite.create(target.dataDir);
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      target,
      driver: "pglite",
      close: () => client.close(),
    };
  }
  const lockFile = lockPathFor(target.dataDir);
  const socketDir = opts.serve ? socketDirFor(target.dataDir) : null;
  const lock = await acquireLock(lockFile, { role: opts.serve ? "server" : "exclusive", socketDir });
  if (!lock.ok) {
    if (!opts.serve && lock.holder.role === "server" && lock.holder.socketDir) {
      // One connection: the server runs one client session at a time anyway.
      return openPool(
        target,
        { host: lock.holder.socketDir, port: SOCKET_PORT, user: "postgres", database: "postgres", max: 1 },
        "pg-embedded",
      );
    }
    throw new DatabaseInUseError(inUseMessage(target.dataDir, lock.holder));
  }
  try {
    fs.mkdirSync(path.dirname(target.dataDir), { recursive: true });
    const client = await PGlite.create(target.dataDir);
    const server = socketDir ? await serveEmbedded(client, socketDir) : null;
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      target,
      driver: "pglite",
      close: async () => {
        await server?.stop();
        await client.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function openPool(
  target: DatabaseTarget,
  config: PoolConfig,
  driver: "pg" | "pg-embedded",
): Promise<DbHandle> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const open = (extra: PoolConfig = {}) => {
    const pool = new Pool({ connectionTimeoutMillis: 2_000, ...config, ...extra });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    return pool;
  };
  const pool = open();
  const db = drizzle(pool, { schema }) as unknown as Db;
  if (driver !== "pg") return { db, target, driver, close: () => pool.end() };
  // The hot statements' own pool (see preparedRows), opened lazily like every pg pool.
  const statements = open({ options: "-c plan_cache_mode=force_generic_plan" });
  Object.defineProperty(pool, OWN_CONNECTIONS, { value: statements });
  return { db, target, driver, close: () => Promise.all([pool.end(), statements.end()]).then(() => {}) };
}

const dialect = new PgDialect();

/**
 * Rows of a statement on the hot path. On Postgres it runs as a named prepared statement with a generic plan,
 * parsed and planned once per connection: the serving statement took 2.0 ms with a custom plan on every call
 * (Postgres's own choice for it, seen as generic_plans = 0 in pg_prepared_statements) and 0.8 ms with its generic
 * plan. These statements look rows up by key whatever their parameters, so one plan serves all; they run on a
 * pool of their own whose sessions force generic plans, since that setting would also reach the other queries'
 * unnamed statements. Elsewhere (the embedded server's socket sessions share one backend, where names would
 * collide) it runs as usual.
 */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const pool = statementPool(db);
  if (!pool) return rowsOf<T>(await db.execute(query));
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = statementNames.get(text) ?? nameStatement(text);
  return (await pool.query({ name, text, values: params })).rows as T[];
}

// Statement names by text: hashing a 3 KB statement on every call showed in the server's profile.
const statementNames = new LRUCache<string, string>({ max: 1000 });
function nameStatement(text: string): string {
  const name = `v_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
  statementNames.set(text, name);
  return name;
}

type MarkedPool = Pool & { [OWN_CONNECTIONS]?: Pool };
const markedPool = (db: Db) => (db as unknown as { $client: MarkedPool | undefined }).$client;

/** The pool of real Postgres connections behind `db`, or null (the embedded database's one session). */
export function ownPool(db: Db): Pool | null {
  const client = markedPool(db);
  return client?.[OWN_CONNECTIONS] ? client : null;
}

/** The pool that runs `db`'s hot prepared statements with generic plans (Postgres only), or null. */
export function statementPool(db: Db): Pool | null {
  return markedPool(db)?.[OWN_CONNECTIONS] ?? null;
}

export const hasOwnConnections = (db: Db): boolean => ownPool(db) !== null;

/** Rows of a raw `db.execute(sql...)` result; both drivers return `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The Postgres error behind a driver or ORM error (drizzle wraps the driver's error as `cause`). */
export function pgErrorOf(err: unknown): { code: string; constraint?: string } | null {
  for (
    let e = err as { code?: unknown; constraint?: string; cause?: unknown } | null;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code))
      return { code: e.code, constraint: e.constraint };
  }
  return null;
}
