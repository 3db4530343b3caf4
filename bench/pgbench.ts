// The database's own ceiling for the annotate benchmark: pgbench running a one-row INSERT per transaction.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/platform/db/client";

/** TPS of a one-row INSERT at `clients` connections (within max_connections) for `seconds`. */
export async function pgbenchInsertTps(db: Db, url: string, clients: number, seconds: number) {
  const [{ max }] = rowsOf<{ max: number }>(
    await db.execute(sql`select current_setting('max_connections')::int as max`),
  );
  const pgClients = Math.min(clients, max - 15);
  await db.execute(sql`create table if not exists bench_ceiling (id bigserial primary key, v int not null)`);
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-pgbench-")), "insert.sql");
  fs.writeFileSync(script, "insert into bench_ceiling (v) values (1);\n");
  const out = execFileSync(
    "pgbench",
    ["-n", "-c", String(pgClients), "-j", "2", "-T", String(seconds), "-f", script, url],
    { encoding: "utf8" },
  );
  return { tps: Number(out.match(/tps = ([\d.]+)/)![1]), clients: pgClients };
}
