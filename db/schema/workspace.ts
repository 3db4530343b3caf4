import { index, pgTable, primaryKey, serial, integer, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { studies, users } from "./core";

/**
 * Personal access tokens for the JSON API: only a SHA-256 of the token is kept (the token is random, so a slow hash
 * adds nothing), with its first characters to tell tokens apart. A token acts with its owner's current role.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/**
 * An annotator whose verdicts a study's results leave out: who decided it, when and why. Deleting the row brings
 * the verdicts back; the verdicts themselves are never touched.
 */
export const annotatorExclusions = pgTable(
  "annotator_exclusions",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    excludedBy: uuid("excluded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.userId] })],
);
