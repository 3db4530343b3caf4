import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A short-lived signed statement "this user may sign in", made by the crowd join route after it checked the
 * link, and redeemed by the `crowd` sign-in provider. Without the server secret it cannot be forged.
 */
export function createTicket(secret: string, userId: string, now = Date.now(), ttlMs = 60_000): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, e: now + ttlMs })).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

export function verifyTicket(secret: string, ticket: string, now = Date.now()): string | null {
  const [payload, mac] = ticket.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { u, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      u: string;
      e: number;
    };
    return typeof u === "string" && typeof e === "number" && e > now ? u : null;
  } catch {
    return null;
  }
}

function sign(secret: string, payload: string): string {
  return createHmac("sha256", `crowd-ticket:${secret}`).update(payload).digest("base64url");
}
