import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiTokens, users, type Role } from "@/db/schema";
import type { Db } from "@/platform/db/client";

const PREFIX = "vdt_";

/** A new personal access token: 32 random bytes, base64url, with a prefix that tells what it is when it leaks. */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashApiToken(token), prefix: token.slice(0, PREFIX.length + 6) };
}

/** Tokens are random, so a fast hash is enough: whoever reads the table cannot sign in with it. */
function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The bearer token of an `Authorization` header, if it is one of ours (anything else is no token). */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m && m[1].startsWith(PREFIX) && m[1].length < 200 ? m[1] : null;
}

export type TokenUser = { tokenId: number; id: string; role: Role };

/**
 * The owner of a live token with their current role (a token never acts beyond its owner's role, and a disabled
 * owner's tokens stop at once). Marks the token used, at most once a minute.
 */
export async function userOfApiToken(db: Db, token: string): Promise<TokenUser | null> {
  const [row] = await db
    .select({ tokenId: apiTokens.id, id: users.id, role: users.role, disabled: users.disabled })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || row.disabled) return null;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  return { tokenId: row.tokenId, id: row.id, role: row.role };
}
