import { sql } from "drizzle-orm";
import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { comparisons, judgments, sideEnum, studies, users, verdictEnum } from "./core";

/**
 * The annotation queue, one row per comparison, kept by triggers (migrations 0006, 0020): `humanLoad` counts live human
 * judgments plus active leases; items are served lowest load first, in the order of `queueKey`, a random key
 * re-drawn whenever the load changes. Locking this row serialises everything that changes a comparison's load.
 * Derived from comparisons, so it has no foreign keys (migration 0018): their checks cost an import of 100,000
 * comparisons over a second; a trigger on comparisons removes a deleted comparison's row instead.
 */
export const comparisonQueue = pgTable(
  "comparison_queue",
  {
    comparisonId: integer("comparison_id").primaryKey(),
    studyId: integer("study_id").notNull(),
    humanLoad: integer("human_load").notNull().default(0),
    queueKey: doublePrecision("queue_key")
      .notNull()
      .default(sql`random()`),
  },
  (t) => [index("comparison_queue_pick_idx").on(t.studyId, t.humanLoad, t.queueKey)],
);

/** `expired`: a lease that ran out and was released, its slot back in the pool (a late verdict may still retake it). */
export const assignmentStatusEnum = pgEnum("assignment_status", [
  "active",
  "done",
  "skipped",
  "flagged",
  "expired",
]);
export const flagReasonEnum = pgEnum("flag_reason", ["broken", "offensive", "other"]);
export const qualityStatusEnum = pgEnum("quality_status", ["active", "warned", "stopped"]);
/** Why an item was served: to be judged, as a hidden swapped repeat of an earlier one, or as practice. */
export const assignmentPurposeEnum = pgEnum("assignment_purpose", ["item", "repeat", "practice"]);

/** Who may annotate a study. */
export const enrollments = pgTable(
  "enrollments",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The crowd link the annotator joined through, if any (completion code). */
    linkId: integer("link_id").references(() => studyLinks.id),
    /** Quality rules' verdict on this annotator (see features/crowd/quality.ts), with the reason shown to researchers. */
    qualityStatus: qualityStatusEnum("quality_status").notNull().default("active"),
    qualityReason: text("quality_reason"),
    /** Crowd platform ids (study, session) as received on joining. */
    meta: jsonb("meta").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.userId] })],
);

/**
 * An item served to an annotator: the lease that reserves a comparison slot while active and unexpired,
 * and the side the reference is shown on. Its random id is the only handle the annotator's browser gets.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    comparisonId: integer("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** 0-based order in which this annotator was served items of this study (side balancing, undo). */
    seq: integer("seq").notNull(),
    referenceSide: sideEnum("reference_side").notNull(),
    status: assignmentStatusEnum("status").notNull().default("active"),
    flagReason: flagReasonEnum("flag_reason"),
    flagNote: text("flag_note"),
    purpose: assignmentPurposeEnum("purpose").notNull().default("item"),
    /** A repeat's earlier serving of the same comparison (shown on the other side). */
    repeatOf: uuid("repeat_of"),
    /**
     * A repeat's or practice item's answer: kept here, never as a judgment, so it counts for quality only (a verdict
     * relative to the columns, or a rating's label).
     */
    answer: verdictEnum("answer"),
    answerRating: smallint("answer_rating"),
    /** When a researcher dealt with the flag (kept the item or excluded it). */
    flagResolvedAt: timestamp("flag_resolved_at", { withTimezone: true }),
    servedAt: timestamp("served_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("assignments_comparison_user_idx").on(t.comparisonId, t.userId),
    // Current leases, per annotator (serving) and per study (releasing expired ones).
    index("assignments_active_idx")
      .on(t.studyId, t.userId, t.expiresAt)
      .where(sql`${t.status} = 'active'`),
    // One item per serving: two concurrent servings of one annotator cannot both lease (the loser retries).
    uniqueIndex("assignments_user_study_idx").on(t.userId, t.studyId, t.seq),
  ],
);

/** Every client request id ever accepted, so a late replay of a superseded verdict is still recognised. */
export const submissions = pgTable("submissions", {
  requestId: text("request_id").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  judgmentId: bigint("judgment_id", { mode: "number" })
    .notNull()
    .references(() => judgments.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A crowd join link: /join/<token>. */
export const studyLinks = pgTable("study_links", {
  id: serial("id").primaryKey(),
  token: text("token").notNull().unique(),
  studyId: integer("study_id")
    .notNull()
    .references(() => studies.id, { onDelete: "cascade" }),
  workerParam: text("worker_param").notNull().default("PROLIFIC_PID"),
  studyParam: text("study_param").notNull().default("STUDY_ID"),
  sessionParam: text("session_param").notNull().default("SESSION_ID"),
  completionCode: text("completion_code").notNull(),
  redirectUrl: text("redirect_url"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});
