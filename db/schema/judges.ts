import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { comparisons, sideEnum, studies, users } from "./core";

/**
 * An LLM judge by name: the model, endpoint and template its verdicts came from. A name keeps them, so verdicts
 * stored under it never mix two models or prompts.
 */
export const judges = pgTable("judges", {
  name: text("name").primaryKey(),
  model: text("model").notNull(),
  baseUrl: text("base_url").notNull(),
  template: text("template").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const judgeRunStatusEnum = pgEnum("judge_run_status", ["queued", "running", "done", "cancelled"]);
export const judgeRequestStatusEnum = pgEnum("judge_request_status", [
  "pending",
  "running",
  "done",
  "failed",
]);

/**
 * A judge run: a job in the database. A runner claims it with a row lock and keeps `heartbeatAt` fresh; a run whose
 * heartbeat is stale (its runner died) is claimed again and resumes with what is still pending.
 */
export const judgeRuns = pgTable(
  "judge_runs",
  {
    id: serial("id").primaryKey(),
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    judgeName: text("judge_name")
      .notNull()
      .references(() => judges.name),
    orders: text("orders").notNull(),
    concurrency: integer("concurrency").notNull(),
    temperature: doublePrecision("temperature").notNull(),
    timeoutMs: integer("timeout_ms").notNull(),
    /** Estimated cost per million tokens (prompt, completion), when given. */
    pricePromptPerM: doublePrecision("price_prompt_per_m"),
    priceCompletionPerM: doublePrecision("price_completion_per_m"),
    status: judgeRunStatusEnum("status").notNull().default("queued"),
    claimedBy: text("claimed_by"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("judge_runs_status_idx").on(t.status, t.heartbeatAt)],
);

/** One question to the judge: a comparison in one order (side: where the reference, or model_a, is shown), or one
 * turn of a rated response (side null). Keeps the raw answer, its tokens, and why it failed. */
export const judgeRequests = pgTable(
  "judge_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => judgeRuns.id, { onDelete: "cascade" }),
    comparisonId: integer("comparison_id")
      .notNull()
      .references(() => comparisons.id, { onDelete: "cascade" }),
    side: sideEnum("side"),
    /** The rated turn, from 0, of a multi-turn response; 0 for a single answer; null for a pairwise question. */
    turn: smallint("turn"),
    status: judgeRequestStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    answer: text("answer"),
    error: text("error"),
    promptTokens: bigint("prompt_tokens", { mode: "number" }),
    completionTokens: bigint("completion_tokens", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("judge_requests_unit").on(t.runId, t.comparisonId, t.side, t.turn).nullsNotDistinct(),
    index("judge_requests_pending_idx").on(t.runId, t.status, t.id),
  ],
);
