// `npm run db:migrate`: apply committed migrations to the configured database (DATABASE_URL or embedded PGlite).
import { openDb } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";

const handle = await openDb();
try {
  await withStartupLock(handle, () => runMigrations(handle));
  console.log(`[verdict] migrations applied (${handle.target.kind})`);
} finally {
  await handle.close();
}
