import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testServerUrl, useTestDb } from "@/test-utils/db";
import { rowsOf, type Db } from "./client";
import { cursorBatches } from "./cursor";

const numbers = (n: number) => sql`select g as n from generate_series(1, ${n}) g order by g`;

/** This pool's sessions still inside a transaction: a cursor left open would show here. */
async function openTransactions(db: Db): Promise<number> {
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and state like 'idle in transaction%'`),
  );
  return n;
}

describe("cursor batches on the embedded database", () => {
  const db = useTestDb("pglite");
  it("are not offered: a long read must not hold its one session", () => {
    expect(cursorBatches(db, numbers(3), 2)).toBeNull();
  });
});

describe.skipIf(!testServerUrl())("cursor batches on Postgres", () => {
  const db = useTestDb("postgres");

  it("read every row in order, in batches of the size asked, and close the transaction", async () => {
    const batches: number[][] = [];
    for await (const rows of cursorBatches<{ n: number }>(db, numbers(10), 4)!)
      batches.push(rows.map((r) => r.n));
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(await openTransactions(db)).toBe(0);
  });

  it("read from one snapshot: rows written after the first batch are not in later ones", async () => {
    await db.execute(sql`create table cursor_probe (n int)`);
    await db.execute(sql`insert into cursor_probe select generate_series(1, 6)`);
    const seen: number[] = [];
    for await (const rows of cursorBatches<{ n: number }>(
      db,
      sql`select n from cursor_probe order by n`,
      2,
    )!) {
      if (seen.length === 0) await db.execute(sql`insert into cursor_probe values (7), (8)`);
      seen.push(...rows.map((r) => r.n));
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("give the connection back when the reader stops early or the query fails midway", async () => {
    for await (const rows of cursorBatches<{ n: number }>(db, numbers(100), 10)!) {
      expect(rows).toHaveLength(10);
      break;
    }
    expect(await openTransactions(db)).toBe(0);
    // Fails on row 7, in the second batch (no sort: rows are computed as they are fetched).
    const failing = sql`select 10 / (7 - g) as n from generate_series(1, 10) g`;
    let batches = 0;
    const read = async () => {
      for await (const rows of cursorBatches<{ n: number }>(db, failing, 5)!)
        batches += rows.length === 5 ? 1 : 0;
    };
    await expect(read()).rejects.toThrow(/division by zero/);
    expect(batches).toBe(1);
    expect(await openTransactions(db)).toBe(0);
    const [{ ok }] = rowsOf<{ ok: number }>(await db.execute(sql`select 1 as ok`));
    expect(ok).toBe(1);
  });
});
