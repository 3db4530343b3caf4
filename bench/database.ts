import { openDb, type DbHandle } from "@/platform/db/client";
import { runMigrations } from "@/platform/db/migrate";
import { createScratchDatabase } from "@/test-utils/scratch-db";

/** A fresh, migrated Postgres database for one benchmark, dropped afterwards (kept with BENCH_KEEP=1). */
export async function withBenchDatabase<T>(
  name: string,
  fn: (ctx: { handle: DbHandle; url: string }) => Promise<T>,
): Promise<T> {
  const server =
    process.env.TEST_DATABASE_URL ||
    process.env.DATABASE_URL ||
    "postgres://postgres@127.0.0.1:5432/postgres";
  const scratch = await createScratchDatabase(server, `verdict_bench_${name}`);
  const handle = await openDb({ kind: "postgres", url: scratch.url });
  try {
    await runMigrations(handle);
    return await fn({ handle, url: scratch.url });
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP) console.log(`kept database ${scratch.url}`);
    else await scratch.drop();
  }
}
