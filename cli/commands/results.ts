import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import {
  arenaJson,
  ratingJson,
  exportRequestSchema,
  exportStudy,
  publishedResultSchema,
  resultFiltersSchema,
  setPublishedResult,
  planHalfWidthSchema,
  statsDocument,
  statsJson,
} from "@/features/results";
import { defineCommand } from "../command";

const filterOptions = {
  group: { type: "string", help: "only verdicts of annotators in this group" },
  category: { type: "string", help: "only prompts of this category" },
  source: { type: "string", help: "only prompts of this source" },
  from: { type: "string", help: "only verdicts on or after YYYY-MM-DD" },
  to: { type: "string", help: "only verdicts on or before YYYY-MM-DD" },
} as const;

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);
const ci = (c: [number, number] | null) => (c ? `[${pct(c[0])}, ${pct(c[1])}]` : "[no interval]");
const p4 = (p: number | null) => (p === null ? "–" : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

type Stats = Omit<ReturnType<typeof statsJson>, "annotators">;

function printStats(json: Stats) {
  for (const kind of ["human", "judge"] as const) {
    const k = json[kind];
    console.log(`${kind} verdicts, ${json.reference} vs:`);
    for (const b of k.baselines) {
      console.log(
        `  ${b.model.padEnd(28)} n=${String(b.n).padStart(5)}  wins ${pct(b.rates.reference_wins)} ${ci(b.ci95.reference_wins)} two-way ${ci(b.ci95_two_way.reference_wins)}  ties ${pct(b.rates.tie)}  losses ${pct(b.rates.baseline_wins)}`,
      );
      console.log(
        `  ${"".padEnd(28)} win-loss ${pct(b.margin.value)} ${ci(b.margin.ci95)}  length-controlled ${pct(b.length_controlled?.reference_wins ?? null)} ${ci(b.length_controlled?.ci95 ?? null)}`,
      );
    }
    if (k.baselines.length === 0) continue;
    const a = k.agreement;
    console.log(
      `  agreement over ${a.comparisons} comparisons: tie-discounted ${pct(a.tie_discounted_accuracy)} ${ci(a.ci95.tie_discounted_accuracy)}, exact ${pct(a.exact)} ${ci(a.ci95.exact)}`,
    );
    const lb = k.length_bias;
    console.log(
      `  longer response won ${lb.longer_wins} of ${lb.decided} decided (${pct(lb.rate)}, p = ${p4(lb.p)})`,
    );
    const pb = k.position_bias;
    console.log(`  left response won ${pb.left} of ${pb.decided} decided (${pct(pb.rate)}, p = ${p4(pb.p)})`);
  }
  const by = json.human.position_bias.by_annotator;
  console.log(
    `human position bias with annotators as clusters (${by.annotators}): ${ci(by.ci95)}, p = ${p4(by.p)}`,
  );
}

function printArena(json: ReturnType<typeof arenaJson>) {
  console.log("all-pairs leaderboard (human verdicts, Elo scale):");
  const byName = [...json.ranking].map((m) => m.model).sort()[0];
  for (const m of json.ranking) {
    const ci = m.ci95 ? `[${m.ci95[0].toFixed(0)}, ${m.ci95[1].toFixed(0)}]` : "[no interval]";
    console.log(
      `  ${String(m.rank ?? "-").padStart(3)}  ${m.model.padEnd(28)} ${m.elo.toFixed(0).padStart(5)} ${ci}  n=${m.n}`,
    );
  }
  if (byName) console.log(`  (anchor: ${byName} = 1000)`);
  const a = json.agreement;
  console.log(
    `agreement over ${a.comparisons} comparisons: tie-discounted ${pct(a.tie_discounted_accuracy)}, exact ${pct(a.exact)}`,
  );
}

function printRatings(json: ReturnType<typeof ratingJson>) {
  const { scale, models, agreement } = json.ratings;
  console.log(`ratings (human) on ${scale.join(" < ")}:`);
  for (const m of models) {
    const shares = scale.map((l) => `${l} ${pct(m.rates[l])} ${ci(m.ci95[l])}`).join("  ");
    const mean = "mean" in m && m.mean !== null ? `  mean ${m.mean!.toFixed(2)}` : "";
    console.log(`  ${m.model.padEnd(28)} n=${String(m.n).padStart(5)}  ${shares}${mean}`);
  }
  for (const t of json.ratings.by_turn ?? [])
    console.log(`  ${t.model} turn ${t.turn}: ${scale.map((l) => `${l} ${pct(t.rates[l])}`).join("  ")}`);
  const alpha = agreement.krippendorff_alpha === null ? "–" : agreement.krippendorff_alpha.toFixed(3);
  console.log(`agreement over ${agreement.units} units: Krippendorff's alpha (ordinal) ${alpha}`);
}

function printPlan(planning: Stats["planning"]) {
  console.log(
    `prompts needed for a 95% interval of +-${pct(planning.half_width)} on the reference's win rate (human):`,
  );
  for (const b of planning.baselines) {
    if (!b.prompts_needed) {
      console.log(`  ${b.model.padEnd(28)} not enough to plan from`);
      continue;
    }
    const needs = b.prompts_needed.map((x) => `${x.prompts} at ${x.judgments_per_prompt}/prompt`).join(", ");
    console.log(
      `  ${b.model.padEnd(28)} now ${b.prompts} x ${b.judgments_per_prompt!.toFixed(1)}, ICC ${b.icc?.toFixed(2) ?? "–"}, design effect ${b.design_effect?.toFixed(2) ?? "–"}: ${needs}`,
    );
  }
}

export const resultCommands = [
  defineCommand({
    name: "stats",
    summary:
      "Win / tie / loss per baseline, agreement, biases; --json prints the documented JSON; --plan H plans prompts.",
    options: {
      study: { type: "string", help: "the study's slug" },
      json: { type: "boolean", help: "print the stats JSON" },
      plan: {
        type: "string",
        help: "also print how many prompts a 95% interval of this half-width needs (a share, e.g. 0.05)",
      },
      ...filterOptions,
    },
    schema: resultFiltersSchema.extend({
      study: z.string().trim().min(1, "required"),
      json: z.boolean().optional(),
      plan: planHalfWidthSchema.optional(),
    }),
    run: async (db, { study, json: asJson, plan, ...filters }) => {
      const doc = await statsDocument(db, { slug: study, filters, plan });
      if (asJson) return console.log(JSON.stringify(doc.json));
      if (doc.design === "rating") return printRatings(doc.json);
      if (doc.design === "all_pairs") return printArena(doc.json);
      printStats(doc.json);
      if (plan !== undefined) printPlan(doc.json.planning);
    },
  }),
  ...(["judgments", "summary", "flags"] as const).map((kind) =>
    defineCommand({
      name: `export ${kind}`,
      summary:
        kind === "judgments"
          ? "Every live verdict, one row each (CSV cells neutralised against formulas); --texts adds the texts."
          : kind === "summary"
            ? "The summary table per kind and baseline."
            : "Every flagged or skipped item, with reason, note and annotator.",
      options: {
        study: { type: "string", help: "the study's slug" },
        format: { type: "string", help: "csv (default) or jsonl" },
        out: { type: "string", help: "write to this file (default: standard output)" },
        ...(kind === "summary" ? filterOptions : {}),
        ...(kind === "judgments"
          ? { texts: { type: "boolean", help: "add the prompt and response texts" } as const }
          : {}),
      },
      schema: exportRequestSchema.extend({
        study: z.string().trim().min(1, "required"),
        out: z.string().optional(),
      }),
      input: (o) => ({ ...o, kind }),
      run: async (db, { study, out: file, ...request }) => {
        const stream = await exportStudy(db, study, request);
        const out = file ? fs.createWriteStream(file) : process.stdout;
        await pipeline(Readable.fromWeb(stream as never), out, { end: out !== process.stdout });
      },
    }),
  ),
  defineCommand({
    name: "published set",
    summary: "Record a published result (e.g. a paper's Figure 1 bar) to draw beside a baseline's.",
    options: {
      study: { type: "string", help: "the study's slug" },
      baseline: { type: "string", help: "the baseline model in this study" },
      wins: { type: "string", help: "share of reference wins (0..1)" },
      ties: { type: "string", help: "share of ties (0..1)" },
      losses: { type: "string", help: "share of baseline wins (0..1)" },
      source: { type: "string", help: 'where it was published, e.g. "LIMA, Figure 1"' },
      kind: { type: "string", help: "human (default) or judge" },
    },
    schema: publishedResultSchema,
    run: async (db, input) => {
      await setPublishedResult(db, input);
      console.log(`published ${input.kind} result for "${input.baseline}" in "${input.study}" saved`);
    },
  }),
];
