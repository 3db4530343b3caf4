import "server-only";
import { openDb, type Db, type DbHandle } from "./client";
import { prepareDatabase } from "@/features/setup/bootstrap";

// One handle per server process; kept on globalThis so dev-mode reloads do not open a second PGlite.
const globalForDb = globalThis as unknown as { verdictDb?: Promise<DbHandle> };

/** The process's database, migrated and seeded on first use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.verdictDb) {
    globalForDb.verdictDb = (async () => {
      const handle = await openDb();
      await prepareDatabase(handle);
      return handle;
    })();
    globalForDb.verdictDb.catch(() => {
      globalForDb.verdictDb = undefined;
    });
  }
  return globalForDb.verdictDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
