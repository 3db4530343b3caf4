import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "researcher", "annotator"]);
export const judgmentKindEnum = pgEnum("judgment_kind", ["human", "judge"]);
/** Verdicts are stored relative to the study's reference model, never as "A"/"B". */
export const verdictEnum = pgEnum("verdict", ["reference", "baseline", "tie"]);
export const sideEnum = pgEnum("side", ["left", "right"]);

export type Role = (typeof roleEnum.enumValues)[number];
export type Verdict = (typeof verdictEnum.enumValues)[number];
export type Side = (typeof sideEnum.enumValues)[number];
export type JudgmentKind = (typeof judgmentKindEnum.enumValues)[number];

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for imported identities and crowd workers, who never sign in with a password. */
    email: text("email").unique(),
    name: text("name"),
    passwordHash: text("password_hash"),
    role: roleEnum("role").notNull().default("annotator"),
    /** Crowd worker id or the annotator id of an imported file. */
    externalId: text("external_id").unique(),
    /** Stable, meaningless name used in exports instead of email or worker id. */
    pseudonym: text("pseudonym")
      .notNull()
      .unique()
      .default(sql`'a-' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 10)`),
    /** Free label used to filter results, e.g. "crowd" or "authors". */
    group: text("group"),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
);

export const models = pgTable("models", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
});

export const studies = pgTable("studies", {
  id: serial("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  referenceModelId: integer("reference_model_id")
    .notNull()
    .references(() => models.id),
  guidelines: text("guidelines").notNull().default(""),
  overlapK: integer("overlap_k").notNull().default(1),
  /** Labels for [left better, neither, right better]; LIMA's wording by default. */
  verdictLabels: jsonb("verdict_labels")
    .$type<[string, string, string]>()
    .notNull()
    .default(["A is significantly better", "Neither is significantly better", "B is significantly better"]),
  /** Judgments per annotator in this study; null = no limit. */
  quota: integer("quota"),
  leaseSeconds: integer("lease_seconds").notNull().default(600),
  /** What annotators see instead of the title, which may name models. */
  annotatorTitle: text("annotator_title").notNull().default("Compare two responses"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type ChatMessage = { role: string; content: string };

export const prompts = pgTable(
  "prompts",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    text: text("text"),
    messages: jsonb("messages").$type<ChatMessage[]>(),
    category: text("category"),
    source: text("source"),
  },
  (t) => [
    uniqueIndex("prompts_study_external_idx").on(t.studyId, t.externalId),
    check("prompts_text_or_messages", sql`${t.text} is not null or ${t.messages} is not null`),
  ],
);

export const responses = pgTable(
  "responses",
  {
    id: serial("id").primaryKey(),
    promptId: integer("prompt_id")
      .notNull()
      .references(() => prompts.id, { onDelete: "cascade" }),
    modelId: integer("model_id")
      .notNull()
      .references(() => models.id),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("responses_prompt_model_idx").on(t.promptId, t.modelId)],
);

export const comparisons = pgTable(
  "comparisons",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    promptId: integer("prompt_id")
      .notNull()
      .references(() => prompts.id, { onDelete: "cascade" }),
    referenceResponseId: integer("reference_response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    baselineResponseId: integer("baseline_response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    /** Denormalised from the baseline response: results group by it. */
    baselineModelId: integer("baseline_model_id")
      .notNull()
      .references(() => models.id),
  },
  (t) => [
    uniqueIndex("comparisons_pair_idx").on(t.studyId, t.referenceResponseId, t.baselineResponseId),
    index("comparisons_study_baseline_idx").on(t.studyId, t.baselineModelId),
    index("comparisons_prompt_idx").on(t.promptId),
  ],
);

/**
 * The annotation queue, one row per comparison, kept by triggers (migration 0006): `humanLoad` counts live human
 * judgments plus active leases; items are served lowest load first, in the order of `queueKey`, a random key
 * re-drawn whenever the load changes. Locking this row serialises everything that changes a comparison's load.
 */
export const comparisonQueue = pgTable(
  "comparison_queue",
  {
    comparisonId: integer("comparison_id")
      .primaryKey()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    humanLoad: integer("human_load").notNull().default(0),
    queueKey: doublePrecision("queue_key").notNull().default(sql`random()`),
  },
  (t) => [index("comparison_queue_pick_idx").on(t.studyId, t.humanLoad, t.queueKey)],
);

export const judgments = pgTable(
  "judgments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    comparisonId: integer("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    userId: uuid("user_id").references(() => users.id),
    judgeName: text("judge_name"),
    kind: judgmentKindEnum("kind").notNull(),
    verdict: verdictEnum("verdict").notNull(),
    /** Where the reference response was shown; null when unknown (imported without order). */
    referenceSide: sideEnum("reference_side"),
    rationale: text("rationale"),
    durationMs: integer("duration_ms"),
    clientRequestId: text("client_request_id").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live judgment per annotator and comparison: a re-vote replaces it.
    uniqueIndex("judgments_user_comparison_idx").on(t.comparisonId, t.userId),
    // A judge may be asked in both orders (position consistency): one live verdict per order.
    uniqueIndex("judgments_judge_comparison_side_idx").on(t.comparisonId, t.judgeName, t.referenceSide),
    index("judgments_user_idx").on(t.userId),
    check(
      "judgments_who",
      sql`(${t.kind} = 'human' and ${t.userId} is not null and ${t.judgeName} is null) or (${t.kind} = 'judge' and ${t.judgeName} is not null and ${t.userId} is null)`,
    ),
  ],
);

/** `expired`: a lease that ran out and was released, its slot back in the pool (a late verdict may still retake it). */
export const assignmentStatusEnum = pgEnum("assignment_status", ["active", "done", "skipped", "flagged", "expired"]);
export const flagReasonEnum = pgEnum("flag_reason", ["broken", "offensive", "other"]);

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
    servedAt: timestamp("served_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("assignments_comparison_user_idx").on(t.comparisonId, t.userId),
    // Current leases, per annotator (serving) and per study (releasing expired ones).
    index("assignments_active_idx").on(t.studyId, t.userId, t.expiresAt).where(sql`${t.status} = 'active'`),
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

/** Failed sign-ins, for the per-email limit. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("login_failures_email_at_idx").on(t.email, t.at)],
);

/**
 * Live verdict counts per comparison and kind, kept by a trigger on judgments (migration 0004), so unfiltered
 * results aggregate one row per comparison instead of every judgment.
 */
export const verdictCounts = pgTable(
  "verdict_counts",
  {
    comparisonId: integer("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    kind: judgmentKindEnum("kind").notNull(),
    reference: integer("reference").notNull().default(0),
    tie: integer("tie").notNull().default(0),
    baseline: integer("baseline").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.comparisonId, t.kind] })],
);

/** Published numbers for a replication check (e.g. LIMA's Figure 1), shown beside the measured ones. */
export const publishedResults = pgTable(
  "published_results",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** The baseline model name in this study the row is compared with. */
    baseline: text("baseline").notNull(),
    kind: judgmentKindEnum("kind").notNull().default("human"),
    referenceWins: doublePrecision("reference_wins").notNull(),
    ties: doublePrecision("ties").notNull(),
    baselineWins: doublePrecision("baseline_wins").notNull(),
    source: text("source").notNull(),
  },
  (t) => [uniqueIndex("published_results_study_baseline_kind_idx").on(t.studyId, t.baseline, t.kind)],
);

export const studiesRelations = relations(studies, ({ one, many }) => ({
  referenceModel: one(models, { fields: [studies.referenceModelId], references: [models.id] }),
  prompts: many(prompts),
  comparisons: many(comparisons),
}));

export const promptsRelations = relations(prompts, ({ one, many }) => ({
  study: one(studies, { fields: [prompts.studyId], references: [studies.id] }),
  responses: many(responses),
}));

export const responsesRelations = relations(responses, ({ one }) => ({
  prompt: one(prompts, { fields: [responses.promptId], references: [prompts.id] }),
  model: one(models, { fields: [responses.modelId], references: [models.id] }),
}));

export const comparisonsRelations = relations(comparisons, ({ one, many }) => ({
  study: one(studies, { fields: [comparisons.studyId], references: [studies.id] }),
  prompt: one(prompts, { fields: [comparisons.promptId], references: [prompts.id] }),
  judgments: many(judgments),
}));

export const judgmentsRelations = relations(judgments, ({ one }) => ({
  comparison: one(comparisons, { fields: [judgments.comparisonId], references: [comparisons.id] }),
  user: one(users, { fields: [judgments.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type Study = typeof studies.$inferSelect;
export type Prompt = typeof prompts.$inferSelect;
export type Comparison = typeof comparisons.$inferSelect;
export type Judgment = typeof judgments.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type StudyLink = typeof studyLinks.$inferSelect;
