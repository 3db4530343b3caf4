import { eq, sql } from "drizzle-orm";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import type { NewUser } from "@/lib/validations/user";
import type { Db } from "../client";
import { users, type User } from "../schema";

export class UserExistsError extends Error {
  constructor(readonly email: string) {
    super(`a user with email ${email} already exists`);
    this.name = "UserExistsError";
  }
}

/** Creates a password user; generates the password when none is given and returns it once. */
export async function createUser(db: Db, input: NewUser): Promise<{ user: User; password: string }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const [user] = await db
    .insert(users)
    .values({ email: input.email, role: input.role, name: input.name ?? null, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) throw new UserExistsError(input.email);
  return { user, password };
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user;
}

export async function countAdmins(db: Db): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.role, "admin"));
  return n;
}
