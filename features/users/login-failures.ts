import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import { loginFailures } from "@/db/schema";

export const MAX_FAILURES = 10;
const FAILURE_WINDOW_MINUTES = 15;

export async function recentFailures(db: Db, email: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginFailures)
    .where(
      and(
        eq(loginFailures.email, email),
        gt(loginFailures.at, sql`now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})`),
      ),
    );
  return n;
}

export async function recordFailure(db: Db, email: string): Promise<void> {
  await db.insert(loginFailures).values({ email });
  // Keep the table small: older rows no longer count.
  await db.delete(loginFailures).where(lt(loginFailures.at, sql`now() - interval '1 day'`));
}
