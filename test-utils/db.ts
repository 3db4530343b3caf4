import { afterAll, beforeAll } from "vitest";
import { openDb, type Db, type DbHandle } from "@/platform/db/client";
import { runMigrations } from "@/platform/db/migrate";
import { createScratchDatabase } from "./scratch-db";

/** The Postgres server tests use, if any: TEST_DATABASE_URL, else DATABASE_URL; unset means embedded PGlite. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || undefined;
}

/** The databases integration tests run on: always PGlite, and Postgres when a server is configured. */
export function testTargets(): ("pglite" | "postgres")[] {
  return testServerUrl() ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A fresh, migrated database: a new Postgres database on the test server, or an in-memory PGlite.
 * Without `kind`, Postgres when a server is configured.
 */
export async function createTestDb(
  kind?: "pglite" | "postgres",
): Promise<DbHandle & { url?: string; drop: () => Promise<void> }> {
  const server = testServerUrl();
  if (kind === "postgres" && !server)
    throw new Error("no Postgres configured (TEST_DATABASE_URL or DATABASE_URL)");
  if (!server || kind === "pglite") {
    const handle = await openDb({ kind: "pglite", dataDir: "memory://" });
    await runMigrations(handle);
    return { ...handle, drop: () => handle.close() };
  }
  const scratch = await createScratchDatabase(server, "verdict_test");
  const handle = await openDb({ kind: "postgres", url: scratch.url });
  await runMigrations(handle);
  return {
    ...handle,
    url: scratch.url,
    drop: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

/**
 * A fresh database of `target` for the enclosing describe block: created before its tests, dropped after. The
 * value returned stands for it from the start (it forwards to the database once created), so tests can use it
 * as they would the database itself.
 */
export function useTestDb(target: "pglite" | "postgres"): Db {
  let handle: Awaited<ReturnType<typeof createTestDb>> | undefined;
  beforeAll(async () => {
    handle = await createTestDb(target);
    if (handle.target.kind !== target) throw new Error(`asked for ${target}, got ${handle.target.kind}`);
  });
  afterAll(() => handle?.drop());
  return new Proxy({} as Db, {
    get(_, prop) {
      if (!handle) throw new Error("the test database is created in beforeAll: use it inside tests");
      const value = Reflect.get(handle.db, prop);
      return typeof value === "function" ? value.bind(handle.db) : value;
    },
  });
}
