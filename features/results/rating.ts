import { eq, sql } from "drizzle-orm";
import { studies } from "@/db/schema";
import { rowsOf, type Db } from "@/platform/db/client";
import { FROM, scope } from "./queries";
import type { ResultFilters } from "./schemas";
import {
  numericValues,
  ratingAlpha,
  ratingDistribution,
  weightedKappa,
  type RatingDistribution,
  type RatingObservation,
} from "./stats/ratings";

type RatingRow = { item: number; prompt: string; model: string; rater: string; ratings: (number | null)[] };

/** Every live human rating of a rating study, with its item, prompt, model and annotator's pseudonym. */
async function ratingRows(
  db: Db,
  args: { studyId: number; filters: ResultFilters; kind?: "human" | "judge" },
): Promise<RatingRow[]> {
  const kind = args.kind ?? "human";
  return rowsOf<RatingRow>(
    await db.execute(sql`select c.id as item, p.external_id as prompt, m.name as model,
        coalesce(u.pseudonym, j.judge_name) as rater, j.ratings
      from ${FROM} join models m on m.id = c.baseline_model_id
      where ${scope(args.studyId, kind, args.filters)} and j.ratings is not null`),
  );
}

export type RatingResults = {
  study: string;
  title: string;
  scale: string[];
  numeric: boolean;
  models: ({ model: string } & RatingDistribution)[];
  /** Each LLM judge's ratings, model by model. */
  judges: { judge: string; models: ({ model: string } & RatingDistribution)[] }[];
  /** Per model and assistant turn, for multi-turn items (LIMA 4.5); empty when every item is a single answer. */
  byTurn: ({ model: string; turn: number } & RatingDistribution)[];
  agreement: {
    units: number;
    krippendorffAlpha: number | null;
    /** Interval alpha on the labels' values, for a numeric scale. */
    krippendorffAlphaInterval: number | null;
    /** Quadratic-weighted kappa for every pair of annotators with at least 20 shared units. */
    weightedKappa: { a: string; b: string; n: number; kappa: number | null }[];
  };
};

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const MIN_SHARED = 20;

/** A rating study's distributions per model (and per turn), with intervals, means and agreement. Null otherwise. */
export async function ratingResults(
  db: Db,
  args: { slug: string; filters?: ResultFilters },
): Promise<RatingResults | null> {
  const [study] = await db
    .select({ id: studies.id, title: studies.title, design: studies.design, scale: studies.scale })
    .from(studies)
    .where(eq(studies.slug, args.slug));
  if (!study || study.design !== "rating" || !study.scale) return null;
  const scale = study.scale;
  const rows = await ratingRows(db, { studyId: study.id, filters: args.filters ?? {} });
  const observations: (RatingObservation & { model: string; turns: number })[] = [];
  for (const r of rows)
    r.ratings.forEach((label, turn) => {
      if (label !== null)
        observations.push({
          prompt: r.prompt,
          item: r.item,
          turn,
          rater: r.rater,
          label,
          model: r.model,
          turns: r.ratings.length,
        });
    });
  const models = [...new Set(observations.map((o) => o.model))].sort(
    (a, b) => a.localeCompare(b, "en") || byKey(a, b),
  );
  const byTurn = models.flatMap((model) => {
    const mine = observations.filter((o) => o.model === model && o.turns > 1);
    const turns = [...new Set(mine.map((o) => o.turn))].sort((a, b) => a - b);
    return turns.map((turn) => ({
      model,
      turn: turn + 1,
      ...ratingDistribution(
        mine.filter((o) => o.turn === turn),
        scale,
      ),
    }));
  });
  // Weighted kappa per pair of annotators over the units (item, turn) both rated.
  const byUnit = new Map<string, Map<string, number>>();
  for (const o of observations) {
    const key = `${o.item}\u0000${o.turn}`;
    const m = byUnit.get(key) ?? new Map<string, number>();
    m.set(o.rater, o.label);
    byUnit.set(key, m);
  }
  const tables = new Map<string, number[][]>();
  for (const raters of byUnit.values()) {
    const names = [...raters.keys()].sort();
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const key = `${names[i]}\u0000${names[j]}`;
        const t = tables.get(key) ?? scale.map(() => new Array(scale.length).fill(0));
        t[raters.get(names[i])!][raters.get(names[j])!]++;
        tables.set(key, t);
      }
  }
  const ordinal = ratingAlpha(observations, scale, "ordinal");
  const judgeRows = await ratingRows(db, { studyId: study.id, filters: args.filters ?? {}, kind: "judge" });
  const judgeObservations = judgeRows.flatMap((r) =>
    r.ratings.flatMap((label, turn) =>
      label === null ? [] : [{ prompt: r.prompt, item: r.item, turn, rater: r.rater, label, model: r.model }],
    ),
  );
  const judges = [...new Set(judgeObservations.map((o) => o.rater))].sort().map((judge) => {
    const mine = judgeObservations.filter((o) => o.rater === judge);
    return {
      judge,
      models: [...new Set(mine.map((o) => o.model))]
        .sort((a, b) => a.localeCompare(b, "en") || byKey(a, b))
        .map((model) => ({
          model,
          ...ratingDistribution(
            mine.filter((o) => o.model === model),
            scale,
          ),
        })),
    };
  });
  return {
    study: args.slug,
    title: study.title,
    scale,
    numeric: numericValues(scale) !== null,
    models: models.map((model) => ({
      model,
      ...ratingDistribution(
        observations.filter((o) => o.model === model),
        scale,
      ),
    })),
    byTurn,
    judges,
    agreement: {
      units: ordinal.units,
      krippendorffAlpha: ordinal.alpha,
      krippendorffAlphaInterval: numericValues(scale)
        ? ratingAlpha(observations, scale, "interval").alpha
        : null,
      weightedKappa: [...tables]
        .map(([key, t]) => {
          const [a, b] = key.split("\u0000");
          return { a, b, n: t.flat().reduce((x, y) => x + y, 0), kappa: weightedKappa(t) };
        })
        .filter((p) => p.n >= MIN_SHARED),
    },
  };
}
