import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { DEMO_STUDY } from "@/features/setup/demo-study";
import { importItemsFile } from "@/features/imports/run";
import { emailSchema } from "@/features/users/schemas";
import type { DbHandle } from "@/platform/db/client";
import { runMigrations, withStartupLock } from "@/platform/db/migrate";
import { countAdmins, createUser } from "@/features/users/queries";
import { studies, users } from "@/db/schema";

type Log = (line: string) => void;

/** Migrations, then on an empty database the demo study, then the first admin. Safe to run on every start. */
export async function prepareDatabase(handle: DbHandle, log: Log = console.log): Promise<void> {
  await withStartupLock(handle, async () => {
    await runMigrations(handle);
    const db = handle.db;
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    const [{ s }] = await db.select({ s: sql<number>`count(*)::int` }).from(studies);
    if (n === 0 && s === 0 && process.env.VERDICT_DEMO !== "off") {
      const started = Date.now();
      const summary = await importItemsFile(db, {
        file: path.join(process.cwd(), "data", "demo", DEMO_STUDY.fileName),
        slug: DEMO_STUDY.slug,
        title: DEMO_STUDY.title,
        reference: DEMO_STUDY.reference,
        baselines: [...DEMO_STUDY.baselines],
      });
      await db.update(studies).set({ guidelines: DEMO_STUDY.guidelines }).where(eq(studies.slug, DEMO_STUDY.slug));
      log(
        `[verdict] loaded demo study "${DEMO_STUDY.slug}": ${summary.prompts.total} prompts, ` +
          `${summary.comparisons.total} comparisons (${Date.now() - started} ms)`,
      );
    }
    if ((await countAdmins(db)) === 0) {
      const email = emailSchema.parse(process.env.ADMIN_EMAIL || "admin@verdict.local");
      const fromEnv = process.env.ADMIN_PASSWORD;
      const { password } = await createUser(db, { email, role: "admin", password: fromEnv || undefined, name: "Admin" });
      log(
        fromEnv
          ? `[verdict] created admin ${email} with the password from ADMIN_PASSWORD`
          : `[verdict] created admin login (shown once, keep it): email ${email}  password ${password}`,
      );
    }
  });
}
