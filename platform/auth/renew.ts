import { encode, getToken } from "next-auth/jwt";
import { serverSecret } from "@/platform/secret";

/** How long a session lasts without use; each day of use extends it (sliding expiry). */
export const SESSION_MAX_AGE = 7 * 24 * 3600;
const RENEW_AFTER = 24 * 3600;

export type RenewedCookie = { name: string; value: string; secure: boolean; maxAge: number };

/**
 * A fresh session cookie for a session issued more than a day ago, else null. Auth.js re-issues the cookie only
 * where a response can carry it (its own routes), so pages alone would end a session 7 days after sign-in
 * however much it was used; the proxy calls this on page requests instead. The token keeps its user, role and
 * session version: an ended session stays refused wherever it is checked.
 */
export async function renewedSessionCookie(cookie: string): Promise<RenewedCookie | null> {
  const secret = serverSecret();
  for (const secure of [true, false]) {
    const name = secure ? "__Secure-authjs.session-token" : "authjs.session-token";
    const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie: secure });
    if (!token) continue;
    const left = (typeof token.exp === "number" ? token.exp : 0) - Date.now() / 1000;
    if (left > SESSION_MAX_AGE - RENEW_AFTER) return null;
    // A fresh expiry, issue time and id are set by encode.
    const claims = Object.fromEntries(
      Object.entries(token).filter(([k]) => !["exp", "iat", "jti"].includes(k)),
    );
    const value = await encode({ token: claims, secret, salt: name, maxAge: SESSION_MAX_AGE });
    return { name, value, secure, maxAge: SESSION_MAX_AGE };
  }
  return null;
}
