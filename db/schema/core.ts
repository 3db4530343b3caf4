import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
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
/**
 * reference: one reference model against each baseline (LIMA); all_pairs: any two models' responses to a prompt
 * (an arena); rating: one response at a time on an ordered scale. In an all-pairs comparison the "reference"
 * columns hold the model first by name and a "reference" verdict means that model won; in a rating study a
 * comparison row is the rated response (both response columns hold it) and judgments carry ratings, not verdicts.
 */
export const studyDesignEnum = pgEnum("study_design", ["reference", "all_pairs", "rating"]);
/**
 * Which comparisons an all-pairs study serves first among those with the fewest verdicts: in random order
 * (balanced), or those of the pair whose Elo difference is least certain first (as Chatbot Arena samples).
 */
export const pairOrderEnum = pgEnum("pair_order", ["balanced", "uncertain"]);
/** What a study does with responses that name a model or its maker: serve them, mask the words, or hold them out. */
export const leakPolicyEnum = pgEnum("leak_policy", ["serve", "mask", "hold_out"]);
/** A quality check among a study's comparisons: a gold item (known answer) or a generated attention check. */
export const checkKindEnum = pgEnum("check_kind", ["gold", "attention"]);

export type Role = (typeof roleEnum.enumValues)[number];
export type Verdict = (typeof verdictEnum.enumValues)[number];
export type Side = (typeof sideEnum.enumValues)[number];
export type JudgmentKind = (typeof judgmentKindEnum.enumValues)[number];
export type StudyDesign = (typeof studyDesignEnum.enumValues)[number];

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
    /**
     * Sessions carry the version they were issued under; raising it (sign-out, password reset, a crowd link revoked)
     * ends every session of the user at once.
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /**
     * Crowd workers: the hash of the claim token held (in a cookie) by the first browser that joined as this worker,
     * the platform session id it came with, and the client address that created the identity.
     */
    claimHash: text("claim_hash"),
    claimSession: text("claim_session"),
    createdClient: text("created_client"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_created_client_idx").on(t.createdClient, t.createdAt)],
);

export const models = pgTable("models", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
});

export const studies = pgTable(
  "studies",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    design: studyDesignEnum("design").notNull().default("reference"),
    pairOrder: pairOrderEnum("pair_order").notNull().default("balanced"),
    /** A rating study's labels, worst first (ratings store the index); null in other designs. */
    scale: jsonb("scale").$type<string[]>(),
    /** The reference design's reference model; null in other designs. */
    referenceModelId: integer("reference_model_id").references(() => models.id),
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
    /**
     * Serve an annotator at most one comparison of each prompt: a response shown in two of their items would give
     * the reference away. Costs coverage: an annotator can label at most as many items as there are prompts.
     */
    onePerPrompt: boolean("one_per_prompt").notNull().default(true),
    /** What annotators see instead of the title, which may name models. */
    annotatorTitle: text("annotator_title").notNull().default("Compare two responses"),
    /** Every verdict must come with a rationale. */
    rationaleRequired: boolean("rationale_required").notNull().default(false),
    /** Quality control (off at 0): the share of served items that are checks (gold items or attention checks). */
    checkRate: real("check_rate").notNull().default(0),
    /** Rules: after this many checks, an annotator below `qcMinAccuracy` is warned, and stopped after twice as many. */
    qcMinChecks: integer("qc_min_checks").notNull().default(5),
    qcMinAccuracy: real("qc_min_accuracy").notNull().default(0.7),
    /** Verdicts faster than this many seconds count as too fast (0: off); above `qcMaxFastShare` of them, the same rule. */
    qcMinSeconds: integer("qc_min_seconds").notNull().default(0),
    qcMaxFastShare: real("qc_max_fast_share").notNull().default(0.3),
    /** The share of an annotator's items served again later with sides swapped (self-consistency; 0: off). */
    repeatRate: real("repeat_rate").notNull().default(0),
    /** The comprehension gate: this many practice items (gold items, with feedback) before real ones (0: none). */
    practiceItems: integer("practice_items").notNull().default(0),
    /** Whether a crowd worker stopped by the rules is shown the completion code. */
    stoppedGetsCode: boolean("stopped_gets_code").notNull().default(false),
    leakPolicy: leakPolicyEnum("leak_policy").notNull().default("serve"),
    /** Baselines later imports compare the reference with, when set at creation; null: every other model. */
    baselines: jsonb("baselines").$type<string[]>(),
    /** An archived study serves no items and leaves the home page's list; its data stay. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Raised by triggers (migration 0017) whenever anything the results read changes, other than verdicts (those
     * raise `verdict_counts.version`): items, exclusions, published numbers, models, annotators, the study itself.
     */
    resultsGeneration: bigint("results_generation", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    check(
      "studies_reference_by_design",
      sql`(${t.design} = 'reference') = (${t.referenceModelId} is not null)`,
    ),
    // design::text: the enum value is new in the migration that adds this check, and Postgres will not compare
    // with a value added in the same transaction.
    check("studies_scale_by_design", sql`(${t.design}::text = 'rating') = (${t.scale} is not null)`),
  ],
);

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
    /** The text (or each message's content) rendered and sanitized, by renderer version `renderVersion`. */
    html: text("html"),
    messagesHtml: jsonb("messages_html").$type<string[]>(),
    /** Null until rendered; set back to null when the text changes (serving then renders on the fly). */
    renderVersion: integer("render_version"),
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
    // Keys checked per statement by triggers (migration 0019), not foreign keys: the prompt's (ON DELETE CASCADE)
    // and the model's (a model with responses cannot be deleted).
    promptId: integer("prompt_id").notNull(),
    modelId: integer("model_id").notNull(),
    text: text("text").notNull(),
    /** A multi-turn response's assistant turns (the text holds them joined); null for a single answer. */
    turns: jsonb("turns").$type<string[]>(),
    /** Words naming a model or its maker, found at import (the identity-leak guard); null when none. */
    leakWords: text("leak_words").array(),
    /** The text and turns rendered and sanitized; the masked forms only when leak words were found. */
    html: text("html"),
    turnsHtml: jsonb("turns_html").$type<string[]>(),
    maskedHtml: text("masked_html"),
    maskedTurnsHtml: jsonb("masked_turns_html").$type<string[]>(),
    /** The renderer version of the html columns; null until rendered and whenever the text changes. */
    renderVersion: integer("render_version"),
  },
  (t) => [uniqueIndex("responses_prompt_model_idx").on(t.promptId, t.modelId)],
);

export const comparisons = pgTable(
  "comparisons",
  {
    id: serial("id").primaryKey(),
    /** The prompt's study (a composite key with the prompt: see below). */
    studyId: integer("study_id").notNull(),
    promptId: integer("prompt_id").notNull(),
    referenceResponseId: integer("reference_response_id").notNull(),
    baselineResponseId: integer("baseline_response_id").notNull(),
    /** Denormalised from the baseline response: results group by it. */
    baselineModelId: integer("baseline_model_id").notNull(),
    /** Held out of serving and results by a researcher (from the flag queue); its verdicts stay stored. */
    excludedAt: timestamp("excluded_at", { withTimezone: true }),
    /**
     * A quality check (never in results): its expected verdict (relative to the columns, as verdicts are stored) or
     * a rating study's expected label, and what to tell an annotator who missed it.
     */
    checkKind: checkKindEnum("check_kind"),
    expectedVerdict: verdictEnum("expected_verdict"),
    expectedRating: smallint("expected_rating"),
    checkExplanation: text("check_explanation"),
  },
  (t) => [
    // Keys checked per statement by triggers (migration 0019), not foreign keys, all ON DELETE CASCADE: the
    // reference response; (prompt, study), which holds the copied study to the prompt's; (baseline response, model),
    // which holds the copied model to the baseline's.
    uniqueIndex("comparisons_pair_idx").on(t.studyId, t.referenceResponseId, t.baselineResponseId),
    index("comparisons_study_baseline_idx").on(t.studyId, t.baselineModelId),
    // A prompt's comparisons, found by the cascade of its delete (migration 0019's trigger).
    index("comparisons_prompt_idx").on(t.promptId),
  ],
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
    /** A pairwise verdict; null for a rating. */
    verdict: verdictEnum("verdict"),
    /** A rating study's label indexes: one for a whole response, one per assistant turn (null where unrated). */
    ratings: smallint("ratings").array(),
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
    // A judge's rating has no side: one live rating per judge and item.
    uniqueIndex("judgments_judge_rating_idx")
      .on(t.comparisonId, t.judgeName)
      .where(sql`${t.ratings} is not null`),
    index("judgments_user_idx").on(t.userId),
    check("judgments_verdict_or_ratings", sql`(${t.verdict} is null) <> (${t.ratings} is null)`),
    check(
      "judgments_who",
      sql`(${t.kind} = 'human' and ${t.userId} is not null and ${t.judgeName} is null) or (${t.kind} = 'judge' and ${t.judgeName} is not null and ${t.userId} is null)`,
    ),
  ],
);

/**
 * Sign-in attempts: a row is reserved before the password is checked (so concurrent attempts are counted) and
 * deleted when the password was right; what stays are the failures, for the per-email and per-client limits.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    /** The client's address as the server saw it (see features/users/client-address.ts); null when unknown. */
    client: text("client"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_failures_email_at_idx").on(t.email, t.at),
    index("login_failures_client_at_idx").on(t.client, t.at),
    index("login_failures_at_idx").on(t.at),
  ],
);

/** Sessions ended by signing out, by their session id, kept until the session would have expired anyway. */
export const endedSessions = pgTable(
  "ended_sessions",
  {
    sid: text("sid").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("ended_sessions_expires_at_idx").on(t.expiresAt)],
);

/** Client addresses a user has signed in from: there, another client's failures on the email do not lock them out. */
export const knownClients = pgTable(
  "known_clients",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    client: text("client").notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.client] })],
);
