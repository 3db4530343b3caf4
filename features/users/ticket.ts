import { createHash } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/**
 * A short-lived signed statement "this user may sign in" (a JWT, HS256, via jose), made by the crowd join route
 * after it checked the link, and redeemed by the `crowd` sign-in provider. Without the server secret it cannot be
 * forged; the key is derived for this purpose alone, so a ticket is never valid as anything else.
 */
const AUDIENCE = "verdict:crowd-sign-in";

function keyOf(secret: string): Uint8Array {
  return createHash("sha256").update(`crowd-ticket:${secret}`).digest();
}

export async function createTicket(
  secret: string,
  userId: string,
  now = Date.now(),
  ttlMs = 60_000,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor((now + ttlMs) / 1000))
    .sign(keyOf(secret));
}

/** The user id of a valid, unexpired ticket, else null. */
export async function verifyTicket(secret: string, ticket: string, now = Date.now()): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(ticket, keyOf(secret), {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      currentDate: new Date(now),
      clockTolerance: 0,
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch {
    return null;
  }
}
