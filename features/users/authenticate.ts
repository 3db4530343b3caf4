import "server-only";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/platform/db";
import type { Db } from "@/platform/db/client";
import { MAX_FAILURES, recentFailures, recordFailure } from "@/features/users/login-failures";
import { findUserByEmail, findUserById } from "@/features/users/queries";
import { serverSecret } from "@/platform/secret";
import { signInSchema } from "@/features/users/schemas";
import { verifyPassword } from "./password";
import { verifyTicket } from "./ticket";

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$cPirn8mIQ2mlffLnAoeSfA$qjtY3OT+Pr8bJ4mvVuAdmZCcwX+3BBgdwqkXCXDZu7g";

/**
 * Checks email and password; returns the session user or null without saying which part was wrong.
 * After 10 failures for an email within 15 minutes, every attempt for it fails until the window passes.
 */
/** Thrown to Auth.js so the sign-in form can say why, without revealing whether the account exists. */
class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

export async function authenticate(raw: unknown) {
  const db = await getDb();
  const email = signInSchema.shape.email.safeParse((raw as { email?: unknown } | null)?.email);
  if (email.success && (await recentFailures(db, email.data)) >= MAX_FAILURES) throw new RateLimitedSignIn();
  return authenticateWith(db, raw);
}

export async function authenticateWith(db: Db, raw: unknown) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if ((await recentFailures(db, email)) >= MAX_FAILURES) return null;
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabled || !user.passwordHash) {
    await recordFailure(db, email);
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function authenticateCrowdTicket(raw: Partial<Record<string, unknown>>) {
  const ticket = typeof raw?.ticket === "string" ? raw.ticket : "";
  const userId = await verifyTicket(serverSecret(), ticket);
  if (!userId) return null;
  const user = await findUserById(await getDb(), userId);
  if (!user || user.disabled || user.role !== "annotator") return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
