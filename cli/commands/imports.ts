import path from "node:path";
import { z } from "zod";
import {
  importItemsFile,
  importItemsRequestSchema,
  importJudgmentsFile,
  importJudgmentsRequestSchema,
  importGoldFile,
} from "@/features/imports";
import { progressFor } from "@/platform/cli/progress";
import { defineCommand, UsageError } from "../command";

function oneFile(args: string[]): string {
  if (args.length !== 1) throw new UsageError("give exactly one file");
  return args[0];
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;

export const importCommands = [
  defineCommand({
    name: "import items",
    args: "<file.jsonl|file.csv[.gz]>",
    summary: "Import prompts and responses into a study (created on first import).",
    options: {
      study: { type: "string", help: "the study's slug" },
      design: {
        type: "string",
        help: "reference (default: one reference model against each baseline), all-pairs (every two models) or rating (one response at a time)",
      },
      scale: {
        type: "string",
        help: 'a rating study\'s scale, worst first: lima (Fail,Pass,Excellent), likert6 (1-6), safety (Unsafe,Safe) or "l1,l2,..."',
      },
      reference: { type: "string", help: "the reference model (LIMA's role; reference design only)" },
      baselines: { type: "string", help: "comma-separated baselines (default: every other model)" },
      title: { type: "string", help: "the study's title (default: the slug)" },
    },
    schema: importItemsRequestSchema,
    run: async (db, input, args) => {
      const file = oneFile(args);
      const progress = progressFor(file);
      const started = Date.now();
      const s = await importItemsFile(db, {
        file,
        displayName: shown(file),
        slug: input.study,
        design: input.design,
        scale: input.scale,
        reference: input.reference,
        baselines: input.baselines,
        title: input.title,
        onBytes: progress.onBytes,
      });
      progress.done();
      console.log(
        `${s.studyCreated ? "created" : "updated"} study "${s.study}": ${s.prompts.total} prompts (${s.prompts.written} written), ` +
          `${s.responses.total} responses (${s.responses.written} written), ${s.comparisons.total} comparisons ` +
          `(${s.comparisons.created} new) in ${Date.now() - started} ms` +
          (typeof s.rendered === "string"
            ? ""
            : ` (of which rendering ${s.rendered.prompts + s.rendered.responses} texts for serving: ${s.rendered.ms} ms)`),
      );
    },
  }),
  defineCommand({
    name: "import judgments",
    args: "<file.jsonl|file.csv[.gz]>",
    summary: "Import human or judge verdicts into a study.",
    options: { study: { type: "string", help: "the study's slug" } },
    schema: importJudgmentsRequestSchema as z.ZodType<{ study: string }>,
    run: async (db, input, args) => {
      const file = oneFile(args);
      const progress = progressFor(file);
      const started = Date.now();
      const s = await importJudgmentsFile(db, {
        file,
        displayName: shown(file),
        slug: input.study,
        onBytes: progress.onBytes,
      });
      progress.done();
      console.log(
        `study "${s.study}": ${s.records} records, ${s.live} live verdicts, ${s.written} written, ` +
          `${s.unchanged} unchanged, ${s.newAnnotators} new annotators in ${Date.now() - started} ms`,
      );
    },
  }),
  defineCommand({
    name: "import gold",
    args: "<file.jsonl|file.csv[.gz]>",
    summary: "Mark comparisons as gold items with their expected answers (quality checks; never in results).",
    options: { study: { type: "string", help: "the study's slug" } },
    schema: importJudgmentsRequestSchema as z.ZodType<{ study: string }>,
    run: async (db, input, args) => {
      const file = oneFile(args);
      const s = await importGoldFile(db, { file, displayName: shown(file), slug: input.study });
      console.log(
        `study "${s.study}": ${s.gold} gold items` +
          (s.hadVerdicts ? ` (their ${s.hadVerdicts} human verdicts now leave the results)` : ""),
      );
    },
  }),
];
