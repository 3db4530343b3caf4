import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "./client";

/** Reachability and migration state, for load balancers: applied migrations vs the ones this build ships. */
export async function databaseHealth(db: Db): Promise<{ ok: boolean; applied: number; expected: number }> {
  const journal = JSON.parse(
    fs.readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8"),
  ) as {
    entries: unknown[];
  };
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  );
  return { ok: n === journal.entries.length, applied: n, expected: journal.entries.length };
}
