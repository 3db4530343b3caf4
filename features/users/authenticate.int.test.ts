import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { createUser, setUserDisabled } from "@/features/users/queries";
import { loginFailures } from "@/db/schema";
import { createTestDb } from "@/test-utils/db";
import { authenticateWith } from "./authenticate";

describe("password sign-in", () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb());
    await createUser(db, { email: "ann@example.org", role: "annotator", password: "correct-horse-battery" });
    await createUser(db, { email: "bob@example.org", role: "researcher", password: "another-password-1" });
  });
  afterAll(() => drop());

  it("accepts the right password (email case-insensitive) and returns id and role", async () => {
    const user = await authenticateWith(db, { email: "Ann@Example.org", password: "correct-horse-battery" });
    expect(user).toMatchObject({ email: "ann@example.org", role: "annotator" });
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    expect(await authenticateWith(db, { email: "ann@example.org", password: "wrong-password" })).toBeNull();
    expect(
      await authenticateWith(db, { email: "nobody@example.org", password: "wrong-password" }),
    ).toBeNull();
    expect(await authenticateWith(db, { email: "not an email", password: "x" })).toBeNull();
  });

  it("locks an email after 10 failures in 15 minutes, even for the right password, and only that email", async () => {
    await db.delete(loginFailures);
    for (let i = 0; i < 9; i++)
      await authenticateWith(db, { email: "ann@example.org", password: `wrong-${i}` });
    expect(
      await authenticateWith(db, { email: "ann@example.org", password: "correct-horse-battery" }),
    ).not.toBeNull();
    await authenticateWith(db, { email: "ann@example.org", password: "wrong-10" });
    expect(
      await authenticateWith(db, { email: "ann@example.org", password: "correct-horse-battery" }),
    ).toBeNull();
    expect(
      await authenticateWith(db, { email: "bob@example.org", password: "another-password-1" }),
    ).not.toBeNull();
    // Once the failures are older than the window, the right password works again.
    await db.update(loginFailures).set({ at: sql`now() - interval '16 minutes'` });
    expect(
      await authenticateWith(db, { email: "ann@example.org", password: "correct-horse-battery" }),
    ).not.toBeNull();
  });

  it("refuses a disabled account", async () => {
    const bob = await authenticateWith(db, { email: "bob@example.org", password: "another-password-1" });
    await setUserDisabled(db, { id: bob!.id, disabled: true });
    expect(
      await authenticateWith(db, { email: "bob@example.org", password: "another-password-1" }),
    ).toBeNull();
  });
});
