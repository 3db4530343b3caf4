import {
  doublePrecision,
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
