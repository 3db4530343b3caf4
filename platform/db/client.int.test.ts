import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { testServerUrl } from "@/test-utils/db";
import { openDb, ownPool, preparedRows, rowsOf, statementPool } from "./client";

// The server's bundles hold several copies of client.ts: a pool opened by one copy must count as Postgres's own
// connections in another, or the server runs its hot statements unprepared and its exports without a cursor.
describe("a Postgres pool", () => {
  it("is recognised by another copy of this module", async () => {
    const handle = await openDb({ kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none" });
    try {
      vi.resetModules();
      const copy = await import("./client");
      expect(copy.ownPool).not.toBe(ownPool);
      expect(copy.ownPool(handle.db)).toBe(ownPool(handle.db));
      expect(copy.ownPool(handle.db)).not.toBeNull();
      expect(copy.statementPool(handle.db)).toBe(statementPool(handle.db));
      expect(copy.statementPool(handle.db)).not.toBeNull();
    } finally {
      await handle.close();
    }
  });
});

describe.skipIf(!testServerUrl())("preparedRows on Postgres", () => {
  it("prepares the statement once per connection and reuses it", async () => {
    const handle = await openDb({ kind: "postgres", url: testServerUrl()! });
    try {
      const query = (n: number) => sql`select ${n}::int + 1 as m`;
      for (let n = 0; n < 8; n++)
        expect(await preparedRows<{ m: number }>(handle.db, query(n))).toEqual([{ m: n + 1 }]);
      // Calls one after another share one connection; the check reads that connection's statements.
      const held = rowsOf<{ name: string; generic: number; custom: number }>(
        await statementPool(handle.db)!.query(`select name, generic_plans::int as generic,
            custom_plans::int as custom
          from pg_prepared_statements where statement like '%+ 1 as m%'`),
      );
      expect(held.length).toBe(1);
      expect(held[0].name).toMatch(/^v_[0-9a-f]{20}$/);
      // Planned once, generically: never re-planned for its parameters (Postgres would, five times at least).
      expect(held[0]).toMatchObject({ generic: 8, custom: 0 });
      // The setting stays on the statements' pool: the other queries plan as Postgres chooses.
      const [mode] = rowsOf<{ plan_cache_mode: string }>(
        await ownPool(handle.db)!.query("show plan_cache_mode"),
      );
      expect(mode.plan_cache_mode).toBe("auto");
    } finally {
      await handle.close();
    }
  });
});
