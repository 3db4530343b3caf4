import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginFailures } from "@/db/schema";
import { createUser, setUserDisabled } from "@/features/users/queries";
import type { Db } from "@/platform/db/client";
import { rowsOf } from "@/platform/db/client";
import { createTestDb, testTargets } from "@/test-utils/db";
import { checkPassword } from "./authenticate";
import { FAILURES_KEPT, MAX_FAILURES_PER_CLIENT, pruneFailures, unlockEmail } from "./sign-in-limits";

const ANN = { email: "ann@example.org", password: "correct-horse-battery" };
const failures = async (db: Db, where = sql`true`) =>
  rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from login_failures where ${where}`),
  )[0].n;

for (const target of testTargets()) {
  describe(`password sign-in (${target})`, () => {
    let db: Db;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await createTestDb(target));
      await createUser(db, { email: ANN.email, role: "annotator", password: ANN.password });
      await createUser(db, { email: "bob@example.org", role: "researcher", password: "another-password-1" });
    });
    afterAll(() => drop());

    it("accepts the right password (email case-insensitive) and returns id, role and session version", async () => {
      const r = await checkPassword(db, { email: "Ann@Example.org", password: ANN.password }, "10.0.0.1");
      expect(r).toMatchObject({ ok: true, user: { email: ANN.email, role: "annotator", sessionVersion: 0 } });
    });

    it("refuses a wrong password and an unknown email alike", async () => {
      expect(await checkPassword(db, { email: ANN.email, password: "wrong-password" }, null)).toEqual({
        ok: false,
        reason: "invalid",
      });
      expect(
        await checkPassword(db, { email: "nobody@example.org", password: "wrong-password" }, null),
      ).toEqual({ ok: false, reason: "invalid" });
      expect(await checkPassword(db, { email: "not an email", password: "x" }, null)).toEqual({
        ok: false,
        reason: "invalid",
      });
    });

    it("locks an email after 10 failures in 15 minutes, even for the right password, and only that email", async () => {
      await db.delete(loginFailures);
      for (let i = 0; i < 9; i++)
        await checkPassword(db, { email: ANN.email, password: `wrong-${i}` }, "10.0.0.9");
      expect((await checkPassword(db, ANN, "10.0.0.9")).ok).toBe(true);
      await checkPassword(db, { email: ANN.email, password: "wrong-10" }, "10.0.0.9");
      expect(await checkPassword(db, ANN, "10.0.0.9")).toEqual({ ok: false, reason: "rate_limited" });
      expect(
        (await checkPassword(db, { email: "bob@example.org", password: "another-password-1" }, "10.0.0.9"))
          .ok,
      ).toBe(true);
      // Once the failures are older than the window, the right password works again.
      await db.update(loginFailures).set({ at: sql`now() - interval '16 minutes'` });
      expect((await checkPassword(db, ANN, "10.0.0.9")).ok).toBe(true);
    });

    // The attack: many concurrent guesses all read "fewer than 10 failures" before any was recorded, so one of
    // hundreds could be the right password. Each attempt is now reserved before the password is checked.
    it("counts concurrent attempts before hashing: of 40 at once, at most 10 check a password", async () => {
      await db.delete(loginFailures);
      const guesses = Array.from({ length: 40 }, (_, i) => ({ email: ANN.email, password: `guess-${i}` }));
      const results = await Promise.all(guesses.map((g, i) => checkPassword(db, g, `10.1.0.${i}`)));
      expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(10);
      expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBeGreaterThanOrEqual(30);
      expect(await failures(db)).toBeLessThanOrEqual(10);
      expect(await checkPassword(db, ANN, "10.1.1.1")).toEqual({ ok: false, reason: "rate_limited" });
    });

    it("keeps a user's known client working while strangers lock the email, and lets the CLI lift a lockout", async () => {
      await db.delete(loginFailures);
      expect((await checkPassword(db, ANN, "192.0.2.7")).ok).toBe(true); // 192.0.2.7 becomes known for Ann
      for (let i = 0; i < 12; i++)
        await checkPassword(db, { email: ANN.email, password: `x-${i}` }, `203.0.113.${i}`);
      expect(await checkPassword(db, ANN, "198.51.100.1")).toEqual({ ok: false, reason: "rate_limited" });
      expect((await checkPassword(db, ANN, "192.0.2.7")).ok).toBe(true);
      expect(await unlockEmail(db, ANN.email)).toBeGreaterThanOrEqual(10);
      expect((await checkPassword(db, ANN, "198.51.100.1")).ok).toBe(true);
    });

    it("limits one client address across emails", async () => {
      await db.delete(loginFailures);
      for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++)
        await checkPassword(db, { email: `u${i}@example.org`, password: "wrong-password" }, "198.51.100.66");
      expect(
        await checkPassword(
          db,
          { email: "bob@example.org", password: "another-password-1" },
          "198.51.100.66",
        ),
      ).toEqual({ ok: false, reason: "rate_limited" });
      expect(
        (
          await checkPassword(
            db,
            { email: "bob@example.org", password: "another-password-1" },
            "198.51.100.67",
          )
        ).ok,
      ).toBe(true);
    });

    it("prunes old failures by index and caps the table at the newest rows", async () => {
      await db.delete(loginFailures);
      await db.execute(
        sql`insert into login_failures (email, at) select 'old@example.org', now() - interval '2 days' from generate_series(1, 500)`,
      );
      await db.execute(
        sql`insert into login_failures (email) select 'new@example.org' from generate_series(1, ${FAILURES_KEPT + 20})`,
      );
      await pruneFailures(db);
      expect(await failures(db, sql`email = 'old@example.org'`)).toBe(0);
      expect(await failures(db)).toBe(FAILURES_KEPT);
      if (target === "postgres") {
        await db.execute(sql`analyze login_failures`);
        const plan = rowsOf<{ "QUERY PLAN": string }>(
          await db.execute(sql`explain delete from login_failures where at < now() - interval '1 day'`),
        );
        expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toMatch(/login_failures_at_idx/);
      }
      await db.delete(loginFailures);
    });

    it("refuses a disabled account", async () => {
      const bob = await checkPassword(db, { email: "bob@example.org", password: "another-password-1" }, null);
      await setUserDisabled(db, { id: bob.ok ? bob.user.id : "", disabled: true });
      expect(
        await checkPassword(db, { email: "bob@example.org", password: "another-password-1" }, null),
      ).toEqual({ ok: false, reason: "invalid" });
    });
  });
}
