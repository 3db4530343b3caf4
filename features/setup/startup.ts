import { getDbHandle } from "@/platform/db";
import { resolveAuthSecret } from "@/platform/auth-secret";

export async function startServer(): Promise<void> {
  try {
    process.env.AUTH_SECRET = resolveAuthSecret();
    const handle = await getDbHandle();
    const where = handle.target.kind === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite in ${handle.target.dataDir}`;
    console.log(`[verdict] database ready: ${where}`);
  } catch (err) {
    console.error(`[verdict] cannot start: ${(err as Error).message}`);
    process.exit(1);
  }
}
