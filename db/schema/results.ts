import {
  bigint,
  doublePrecision,
  jsonb,
  timestamp,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { comparisons, judgmentKindEnum, studies } from "./core";

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
    /**
     * Drawn from a sequence on every write of the comparison's judgments (ratings included, which count nothing
     * here), so a study's sum of versions changes whenever any of its judgments does: the results snapshot's key.
     */
    version: bigint("version", { mode: "number" }).notNull().default(0),
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

/**
 * The results page's computed numbers for one study and one set of filters, with the fingerprint of the data they
 * were computed from; the page serves the stored numbers while the fingerprint still matches (migration 0017).
 */
export const resultsSnapshots = pgTable(
  "results_snapshots",
  {
    studyId: integer("study_id")
      .notNull()
      .references(() => studies.id, { onDelete: "cascade" }),
    /** The filters and plan half-width, as canonical JSON; "{}" for the unfiltered page. */
    filtersKey: text("filters_key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    payload: jsonb("payload").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
    durationMs: integer("duration_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.studyId, t.filtersKey] })],
);
