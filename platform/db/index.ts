import "server-only";
import { openDb, type Db, type DbHandle } from "./client";

// One handle per server process; kept on globalThis so dev-mode reloads do not open a second PGlite.
const globalForDb = globalThis as unknown as { verdictDb?: Promise<DbHandle> };

/**
 * The server process's database. On the embedded default the server opens the folder and serves it to the CLI
 * and other local processes (see client.ts). Migrations and seeding run at start-up (features/setup), before any
 * request is served.
 */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.verdictDb) {
    globalForDb.verdictDb = openDb(undefined, { serve: true });
    globalForDb.verdictDb.catch(() => {
      globalForDb.verdictDb = undefined;
    });
  }
  return globalForDb.verdictDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
