import "server-only";
import { eq, sql } from "drizzle-orm";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/platform/db";
import { endedSessions, users, type Role } from "@/db/schema";
import { LRUCache } from "lru-cache";
import { serverSecret } from "@/platform/secret";
import { processWide } from "@/platform/process-wide";
import { hasRole } from "./policy";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: Role };

// Verified session tokens: a token's decryption always gives the same payload, so it is done once per token
// (until its expiry) instead of on every labelling request; whether the user is still enabled is read each time.
const verifiedTokens = processWide(
  "verified-session-tokens",
  () => new LRUCache<string, SessionToken>({ max: 20_000 }),
);

/** A verified session cookie: the user and the session version it was issued under. */
export type SessionToken = { id: string; sv: number; sid: string; exp: number };

/**
 * The user id of a session cookie (from a request's Cookie header), verified as Auth.js verifies it (same secret,
 * cookie name as salt, expiry), without its NextAuth instance (which lives in the users feature).
 */
export async function sessionOfCookie(cookie: string): Promise<SessionToken | null> {
  const req = { headers: { cookie } };
  const secret = serverSecret();
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie, raw: true });
    if (!token) continue;
    const key = `${secureCookie}:${token}`;
    const hit = verifiedTokens.get(key);
    if (hit && hit.exp > Date.now() / 1000) return hit;
    const payload = await getToken({ req, secret, secureCookie });
    if (typeof payload?.id !== "string" || typeof payload.exp !== "number") return null;
    // Tokens issued before session versions existed count as version 0.
    const session = {
      id: payload.id,
      sv: typeof payload.sv === "number" ? payload.sv : 0,
      sid: typeof payload.sid === "string" ? payload.sid : "",
      exp: payload.exp,
    };
    verifiedTokens.set(key, session);
    return session;
  }
  return null;
}

/**
 * The signed-in user, re-read from the database so a disabled account, a changed role or an ended session
 * (signed out: its session id is recorded as ended; a password reset or a revoked crowd link: the user's session
 * version was raised) takes effect at once.
 */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await sessionOfCookie((await headers()).get("cookie") ?? "");
  if (!session) return null;
  const db = await getDb();
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      disabled: users.disabled,
      sessionVersion: users.sessionVersion,
      ended: sql<boolean>`exists (select 1 from ${endedSessions} where sid = ${session.sid})`,
    })
    .from(users)
    .where(eq(users.id, session.id));
  if (!user || user.disabled || user.ended || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: anonymous visitors go to sign-in, users without the role get 403. */
export async function requirePageRole(role: Role, returnTo = "/"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
