import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users, type User } from "@/db/schema";
import { enrol } from "@/features/annotation";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { text } from "@/platform/validation";
import { AppError } from "@/platform/errors";
import { generatePassword, hashPassword } from "./password";
import { createUser, findUserByEmail, findUserById } from "./queries";
import { emailSchema, newUserSchema, passwordSchema } from "./schemas";
import { unlockEmail } from "./sign-in-limits";

// The user commands shared by the admin page and the CLI: one schema and one function each. A user is named by
// id (the page) or email (the CLI); a study by slug or id.
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const userRef = z.union([z.uuid(), emailSchema], { error: "a user id or an email address" });
const studyRef = z.union([z.coerce.number().int().positive(), z.string().trim().min(1)], {
  error: "a study slug or id",
});
const group = text().trim().max(100, "at most 100 characters");

async function resolveUser(db: Db, ref: string): Promise<User> {
  const user = z.uuid().safeParse(ref).success ? await findUserById(db, ref) : await findUserByEmail(db, ref);
  if (!user) throw new AppError("no_user", ref);
  return user;
}

async function resolveStudy(db: Db, ref: string | number): Promise<number> {
  const id = typeof ref === "number" ? ref : await studyIdBySlug(db, ref);
  if (!id) throw new AppError("no_study", String(ref));
  return id;
}

export const addUserSchema = z.preprocess(
  (raw) =>
    Object.fromEntries(
      Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, blankToUndefined(v)]),
    ),
  newUserSchema.extend({ study: studyRef.optional() }),
);

/** Creates a password user (password generated and returned once when none is given), optionally enrolled. */
export async function addUser(
  db: Db,
  input: z.output<typeof addUserSchema>,
): Promise<{ user: User; password: string; generated: boolean }> {
  const studyId = input.study === undefined ? null : await resolveStudy(db, input.study);
  const { user, password } = await createUser(db, {
    email: input.email,
    role: input.role,
    password: input.password,
    name: input.name,
    group: input.group,
  });
  if (studyId) await enrol(db, { studyId, userId: user.id });
  return { user, password, generated: !input.password };
}

export const setPasswordSchema = z.object({
  user: userRef,
  password: z.preprocess(blankToUndefined, passwordSchema.optional()),
});

/** Sets a user's password (generated when none is given); returns it. */
export async function setPassword(
  db: Db,
  input: z.output<typeof setPasswordSchema>,
): Promise<{ user: User; password: string }> {
  const user = await resolveUser(db, input.user);
  const password = input.password ?? generatePassword();
  // A new password ends the user's sessions: whoever had the old one is signed out everywhere.
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, user.id));
  return { user, password };
}

export const enrolUserSchema = z.object({ user: userRef, study: studyRef });

export async function enrolUser(
  db: Db,
  input: z.output<typeof enrolUserSchema>,
): Promise<{ user: User; studyId: number }> {
  const user = await resolveUser(db, input.user);
  const studyId = await resolveStudy(db, input.study);
  await enrol(db, { studyId, userId: user.id });
  return { user, studyId };
}

export const setGroupSchema = z.object({
  user: userRef,
  group: z.preprocess((v) => (v === null ? "" : v), group),
});

/** Sets the annotator group results can be filtered by; an empty group removes it. */
export async function setUserGroup(db: Db, input: z.output<typeof setGroupSchema>): Promise<User> {
  const user = await resolveUser(db, input.user);
  const [updated] = await db
    .update(users)
    .set({ group: input.group || null })
    .where(eq(users.id, user.id))
    .returning();
  return updated;
}

export const unlockSchema = z.object({ email: emailSchema });

/** Lifts a sign-in lockout at once: the email's recorded failures are forgotten. */
export async function unlockSignIn(db: Db, input: z.output<typeof unlockSchema>): Promise<number> {
  return unlockEmail(db, input.email);
}
