import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Pool } from "pg";
import { ownPool, type Db } from "./client";

const dialect = new PgDialect();

/**
 * The rows of one query in batches of `batchSize`, read through a server-side cursor in a read-only snapshot, or
 * null where the database has no connection to spare for it (the embedded one, whose single session a long read
 * must not hold). One plan for the whole read instead of one per batch, and every batch from the same snapshot.
 * The next batch is fetched while the current one is consumed; the connection goes back to the pool when the
 * caller stops early too.
 */
export function cursorBatches<T>(db: Db, query: SQL, batchSize: number): AsyncGenerator<T[]> | null {
  const pool = ownPool(db);
  return pool ? read<T>(pool, query, batchSize) : null;
}

async function* read<T>(pool: Pool, query: SQL, batchSize: number): AsyncGenerator<T[]> {
  const client = await pool.connect();
  let pending: Promise<T[]> | null = null;
  let broken: unknown = undefined;
  try {
    await client.query("begin isolation level repeatable read read only");
    // The whole result is read, so plan for all of it (hash joins and one sort), not for its first rows.
    await client.query("set local cursor_tuple_fraction = 1");
    const { sql: text, params } = dialect.sqlToQuery(query);
    await client.query({ text: `declare batches no scroll cursor for ${text}`, values: params });
    const fetch = () =>
      client.query(`fetch forward ${Math.trunc(batchSize)} from batches`).then((r) => r.rows as T[]);
    pending = fetch();
    for (;;) {
      const rows: T[] = await pending!;
      pending = null;
      const more = rows.length === batchSize;
      if (more) pending = fetch();
      if (rows.length) yield rows;
      if (!more) return;
    }
  } catch (err) {
    broken = err;
    throw err;
  } finally {
    await pending?.catch(() => {});
    await client.query("rollback").catch((err: unknown) => (broken ??= err));
    // A connection that failed mid-read is closed rather than handed to the next caller.
    client.release(broken instanceof Error ? broken : undefined);
  }
}
