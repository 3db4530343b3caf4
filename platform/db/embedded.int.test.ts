import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, rowsOf, type DbHandle } from "./client";
import { SOCKET_PORT } from "./embedded-server";
import { setTimeout as sleep } from "node:timers/promises";

// The embedded database shared by its server process: other processes' sessions (here pg clients over the socket)
// and the server's own queries never run inside each other's transactions.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-embedded-"));
const target = { kind: "pglite" as const, dataDir: path.join(dir, "pglite") };
let server: DbHandle;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({
    host: path.join(dir, "run"),
    port: SOCKET_PORT,
    user: "postgres",
    database: "postgres",
  });
  await c.connect();
  clients.push(c);
  return c;
}
const ids = async () =>
  rowsOf<{ id: number }>(await server.db.execute(sql`select id from t order by id`)).map((r) => r.id);

beforeAll(async () => {
  server = await openDb(target, { serve: true });
  await server.db.execute(sql`create table t (id int primary key)`);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end().catch(() => {})));
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("embedded database served on a local socket", () => {
  it("another opener connects through the server instead of opening the folder a second time", async () => {
    const other = await openDb(target);
    expect(other.driver).toBe("pg-embedded");
    await other.db.execute(sql`insert into t values (1000)`);
    expect(await ids()).toContain(1000);
    await other.close();
    await server.db.execute(sql`delete from t`);
  });

  it("runs a client's transaction alone: the server's writes and other clients wait, and its rollback takes only its own", async () => {
    const a = await client();
    const b = await client();
    await a.query("begin");
    await a.query("insert into t values ($1)", [1]);
    let inProcessDone = false;
    const inProcess = server.db.execute(sql`insert into t values (2)`).then(() => (inProcessDone = true));
    const others = Promise.all(
      Array.from({ length: 10 }, (_, i) => b.query("insert into t values ($1)", [3 + i])),
    );
    await sleep(300);
    expect(inProcessDone).toBe(false); // waiting for a's transaction, not running inside it
    const seenByA = (await a.query("select count(*)::int as n from t")).rows[0].n;
    expect(seenByA).toBe(1);
    await a.query("rollback");
    await Promise.all([inProcess, others]);
    expect(await ids()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("a client that vanishes mid-transaction is rolled back and does not block the server", async () => {
    const c = await client();
    c.on("error", () => {}); // its own connection loss, caused below
    await c.query("begin");
    await c.query("insert into t values (99)");
    (c as unknown as { connection: { stream: { destroy: () => void } } }).connection.stream.destroy();
    const started = Date.now();
    expect(await ids()).not.toContain(99);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps the server's own transactions whole while a client writes", async () => {
    const d = await client();
    const clientWrites = Promise.all(
      Array.from({ length: 20 }, (_, i) => d.query("insert into t values ($1)", [200 + i])),
    );
    await expect(
      server.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t values (100)`);
        await sleep(50);
        await tx.execute(sql`insert into t values (101)`);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await clientWrites;
    const now = await ids();
    expect(now.filter((x) => x >= 100 && x < 200)).toEqual([]);
    expect(now.filter((x) => x >= 200)).toHaveLength(20);
  });
});
