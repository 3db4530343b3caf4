import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import {
  exportRequestSchema,
  exportStudy,
  publishedResultSchema,
  resultFiltersSchema,
  setPublishedResult,
  statsJson,
  studyResults,
} from "@/features/results";
import { AppError } from "@/platform/errors";
import { defineCommand } from "../command";

const filterOptions = {
  group: { type: "string", help: "only verdicts of annotators in this group" },
  category: { type: "string", help: "only prompts of this category" },
  source: { type: "string", help: "only prompts of this source" },
  from: { type: "string", help: "only verdicts on or after YYYY-MM-DD" },
  to: { type: "string", help: "only verdicts on or before YYYY-MM-DD" },
} as const;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export const resultCommands = [
  defineCommand({
    name: "stats",
    summary: "Win / tie / loss per baseline, agreement and more; --json prints the documented JSON.",
    options: {
      study: { type: "string", help: "the study's slug" },
      json: { type: "boolean", help: "print the stats JSON" },
      ...filterOptions,
    },
    schema: resultFiltersSchema.extend({
      study: z.string().trim().min(1, "required"),
      json: z.boolean().optional(),
    }),
    run: async (db, { study, json: asJson, ...filters }) => {
      const results = await studyResults(db, { slug: study, filters });
      if (!results) throw new AppError("no_study", study);
      const json = statsJson(results);
      if (asJson) return console.log(JSON.stringify(json));
      for (const kind of ["human", "judge"] as const) {
        console.log(`${kind} verdicts, ${json.reference} vs:`);
        for (const b of json[kind].baselines) {
          console.log(
            `  ${b.model.padEnd(28)} n=${String(b.n).padStart(5)}  wins ${pct(b.rates.reference_wins)}  ties ${pct(b.rates.tie)}  losses ${pct(b.rates.baseline_wins)}`,
          );
        }
      }
    },
  }),
  ...(["judgments", "summary"] as const).map((kind) =>
    defineCommand({
      name: `export ${kind}`,
      summary:
        kind === "judgments"
          ? "Every live verdict, one row each (CSV cells neutralised against formulas)."
          : "The summary table per kind and baseline.",
      options: {
        study: { type: "string", help: "the study's slug" },
        format: { type: "string", help: "csv (default) or jsonl" },
        out: { type: "string", help: "write to this file (default: standard output)" },
        ...(kind === "summary" ? filterOptions : {}),
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
