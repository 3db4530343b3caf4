// `npm run db:migrate`: apply committed migrations to the configured database (DATABASE_URL or embedded PGlite;
// through the running server when `npm start` has the embedded database open).
import { openDb } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";

try {
  const handle = await openDb();
  try {
    await withStartupLock(handle, () => runMigrations(handle));
    const where =
      handle.driver === "pg-embedded" ? "embedded, through the running server" : handle.target.kind;
    console.log(`[verdict] migrations applied (${where})`);
  } finally {
    await handle.close();
  }
} catch (err) {
  console.error(`[verdict] cannot migrate: ${(err as Error).message}`);
  process.exitCode = 1;
}
