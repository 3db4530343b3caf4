import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { apiTokens, users } from "@/db/schema";
import { newApiToken } from "@/platform/auth/api-token";
import { hasRole } from "@/platform/auth/policy";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { text } from "@/platform/validation";
import { emailSchema } from "./schemas";

const tokenName = text().trim().min(1, "must not be empty").max(100, "at most 100 characters");

/** The settings page's form: a token for oneself, named. */
export const tokenNameSchema = z.object({ name: tokenName });

/** `tokens create` and the settings page's form: whose token (by email) and a name to tell it apart. */
export const createTokenSchema = z.object({
  email: emailSchema,
  name: tokenName.default("script"),
});

/** At most this many live tokens per user: enough for every script, few enough to review. */
const MAX_TOKENS = 20;

/**
 * Creates a personal access token for a researcher or admin and returns it; only its hash is stored, so this is
 * the one time it can be shown.
 */
export async function createApiToken(
  db: Db,
  input: z.output<typeof createTokenSchema>,
): Promise<{ token: string; id: number }> {
  const [user] = await db
    .select({ id: users.id, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.email, input.email));
  if (!user) throw new AppError("no_user", input.email);
  if (user.disabled || !hasRole(user.role, "researcher"))
    throw new AppError("invalid_input", "API tokens are for researchers and admins");
  const [{ live }] = await db
    .select({ live: sql<number>`count(*)::int` })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)));
  if (live >= MAX_TOKENS)
    throw new AppError("invalid_input", `at most ${MAX_TOKENS} live tokens: revoke one first`);
  const t = newApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId: user.id, name: input.name, tokenHash: t.hash, prefix: t.prefix })
    .returning({ id: apiTokens.id });
  return { token: t.token, id: row.id };
}

/** A user's tokens, newest first, as the settings page lists them (never the token itself). */
export async function tokensOf(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id));
}

/** Revokes one of the user's own tokens; someone else's token is "not found", as one that does not exist. */
export async function revokeApiToken(db: Db, args: { userId: string; tokenId: number }): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, args.tokenId), eq(apiTokens.userId, args.userId)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw new AppError("not_found");
}
