import "server-only";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/platform/db";
import type { Db } from "@/platform/db/client";
import { serverSecret } from "@/platform/secret";
import { clientAddress } from "./client-address";
import { verifyPassword } from "./password";
import { findUserByEmail, findUserById } from "./queries";
import { signInSchema } from "./schemas";
import { attemptSucceeded, pruneInBackground, reserveAttempt } from "./sign-in-limits";
import { verifyTicket } from "./ticket";

// Verified against when the email is unknown, so both failures take the same time.
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$cPirn8mIQ2mlffLnAoeSfA$qjtY3OT+Pr8bJ4mvVuAdmZCcwX+3BBgdwqkXCXDZu7g";

/** Thrown to Auth.js so the sign-in form can say why, without revealing whether the account exists. */
class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
}

export type SessionUser = {
  id: string;
  email: string | null;
  name: string | null;
  role: "admin" | "researcher" | "annotator";
  sessionVersion: number;
};
export type PasswordCheck =
  { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks email and password without saying which part was wrong. Each attempt is reserved (and counted) before
 * the password is hashed, so the limits hold under any concurrency: 10 failures per email in 15 minutes (except
 * from clients the user signed in from before), 50 per client address.
 */
export async function checkPassword(db: Db, raw: unknown, client: string | null): Promise<PasswordCheck> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const user = await findUserByEmail(db, email);
  const reservation = await reserveAttempt(db, { email, client, userId: user?.id ?? null });
  pruneInBackground(db);
  if (!reservation.ok) return { ok: false, reason: "rate_limited" };
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!user || !ok || user.disabled || !user.passwordHash) return { ok: false, reason: "invalid" };
  await attemptSucceeded(db, { id: reservation.id, userId: user.id, client });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}

/** Auth.js's credentials provider: the request's client address feeds the per-client limit. */
export async function authenticate(raw: unknown, request: Request | undefined) {
  const result = await checkPassword(await getDb(), raw, clientAddress(request?.headers));
  if (!result.ok && result.reason === "rate_limited") throw new RateLimitedSignIn();
  return result.ok ? result.user : null;
}

export async function authenticateCrowdTicket(
  raw: Partial<Record<string, unknown>>,
): Promise<SessionUser | null> {
  const ticket = typeof raw?.ticket === "string" ? raw.ticket : "";
  const userId = await verifyTicket(serverSecret(), ticket);
  if (!userId) return null;
  const user = await findUserById(await getDb(), userId);
  if (!user || user.disabled || user.role !== "annotator") return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}
