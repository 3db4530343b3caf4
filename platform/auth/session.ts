import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { auth } from "@/features/users/auth";
import { getDb } from "@/platform/db";
import { users, type Role } from "@/db/schema";
import { LruCache } from "@/platform/lru";
import { serverSecret } from "@/platform/secret";
import { hasRole } from "./policy";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: Role };

// Verified session tokens: a token's decryption always gives the same payload, so it is done once per token
// (until its expiry) instead of on every labelling request; whether the user is still enabled is read each time.
const verifiedTokens = new LruCache<string, { id: string; exp: number }>(20_000);

/**
 * The user id of the request's session cookie, verified as auth() would (same secret, cookie name as salt, expiry)
 * but without auth()'s re-issuing of the cookie, which a JSON route cannot set anyway. Only the cookie counts.
 */
export async function sessionUserIdOf(request: Request): Promise<string | null> {
  const req = { headers: { cookie: request.headers.get("cookie") ?? "" } };
  const secret = serverSecret();
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req, secret, secureCookie, raw: true });
    if (!token) continue;
    const key = `${secureCookie}:${token}`;
    const hit = verifiedTokens.get(key);
    if (hit && hit.exp > Date.now() / 1000) return hit.id;
    const payload = await getToken({ req, secret, secureCookie });
    if (typeof payload?.id !== "string" || typeof payload.exp !== "number") return null;
    verifiedTokens.set(key, { id: payload.id, exp: payload.exp });
    return payload.id;
  }
  return null;
}

/** The signed-in user, re-read from the database so a disabled account or a changed role takes effect at once. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: anonymous visitors go to sign-in, users without the role get 403. */
export async function requirePageRole(role: Role, returnTo = "/"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
