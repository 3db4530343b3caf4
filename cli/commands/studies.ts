import fs from "node:fs";
import { z } from "zod";
import { createLinkSchema, createStudyLink, prolificUrl } from "@/features/crowd";
import { attentionSchema, generateAttentionChecks } from "@/features/annotation";
import { prioritiseUncertainPairs } from "@/features/results";
import { changeStudySettings, studySettingsSchema } from "@/features/studies";
import { env } from "@/platform/env";
import { defineCommand, UsageError } from "../command";

function readGuidelines(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(
      `--guidelines-file: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

export const studyCommands = [
  defineCommand({
    name: "studies attention",
    summary:
      "Generate attention checks (a response beside the same model's answer to another prompt) up to --count.",
    options: {
      study: { type: "string", help: "the study's slug" },
      count: { type: "string", help: "how many the study should have" },
    },
    schema: attentionSchema,
    run: async (db, input) => {
      const r = await generateAttentionChecks(db, input);
      console.log(`${r.created} attention checks created; the study has ${r.total}`);
    },
  }),
  defineCommand({
    name: "studies prioritise",
    summary: "All-pairs studies serving uncertain pairs first: re-order the queue by the verdicts so far.",
    options: { study: { type: "string", help: "the study's slug" } },
    schema: z.object({ study: z.string().trim().min(1, "required") }),
    run: async (db, { study }) => {
      const done = await prioritiseUncertainPairs(db, study);
      if (!done)
        throw new UsageError(`--study: "${study}" is not an all-pairs study serving uncertain pairs first`);
      console.log(`ordered ${done.comparisons} comparisons, least certain pair first`);
    },
  }),
  defineCommand({
    name: "studies set",
    summary: "Change a study's settings (only the options given change).",
    options: {
      study: { type: "string", key: "slug", help: "the study's slug" },
      title: { type: "string", help: "the study's title (researchers see it)" },
      "annotator-title": {
        type: "string",
        key: "annotatorTitle",
        help: "the title annotators see (never name models)",
      },
      overlap: { type: "string", key: "overlapK", help: "annotators per comparison (k)" },
      quota: { type: "string", help: "verdicts per annotator, or none" },
      "lease-minutes": { type: "string", key: "leaseMinutes", help: "how long a served item is held" },
      "one-per-prompt": {
        type: "string",
        key: "onePerPrompt",
        help: "on (default) | off: at most one comparison of a prompt per annotator",
      },
      "guidelines-file": { type: "string", key: "guidelines", help: "markdown file with the guidelines" },
      labels: {
        type: "string",
        key: "verdictLabels",
        help: 'the three buttons: "A better,Neither,B better"',
      },
      "pair-order": {
        type: "string",
        key: "pairOrder",
        help: "all-pairs studies: balanced (default) | uncertain (the least certain pair first)",
      },
      "check-rate": {
        type: "string",
        key: "checkRate",
        help: "share of served items that are gold or attention checks (0: off)",
      },
      "repeat-rate": {
        type: "string",
        key: "repeatRate",
        help: "share of items served again later, sides swapped (0: off)",
      },
      practice: {
        type: "string",
        key: "practiceItems",
        help: "practice items (gold, with feedback) before real ones",
      },
      "min-checks": { type: "string", key: "qcMinChecks", help: "checks before the rules judge (default 5)" },
      "min-accuracy": {
        type: "string",
        key: "qcMinAccuracy",
        help: "share of checks right to keep going (default 0.7)",
      },
      "min-seconds": {
        type: "string",
        key: "qcMinSeconds",
        help: "verdicts faster than this count as too fast (0: off)",
      },
      "max-fast-share": {
        type: "string",
        key: "qcMaxFastShare",
        help: "share of too-fast verdicts allowed (default 0.3)",
      },
      "stopped-code": {
        type: "string",
        key: "stoppedGetsCode",
        help: "on | off: a stopped crowd worker sees the completion code",
      },
      rationale: {
        type: "string",
        key: "rationaleRequired",
        help: "on | off: every verdict needs a rationale",
      },
      "leak-policy": {
        type: "string",
        key: "leakPolicy",
        help: "serve | mask | hold_out: responses naming a model",
      },
    },
    schema: studySettingsSchema,
    input: (o) => ({
      slug: o.study,
      title: o.title,
      annotatorTitle: o["annotator-title"],
      overlapK: o.overlap,
      quota: o.quota,
      leaseMinutes: o["lease-minutes"],
      onePerPrompt: o["one-per-prompt"],
      guidelines: readGuidelines(o["guidelines-file"] as string | undefined),
      verdictLabels: typeof o.labels === "string" ? o.labels.split(",").map((l) => l.trim()) : undefined,
      pairOrder: o["pair-order"],
      checkRate: o["check-rate"],
      repeatRate: o["repeat-rate"],
      practiceItems: o.practice,
      qcMinChecks: o["min-checks"],
      qcMinAccuracy: o["min-accuracy"],
      qcMinSeconds: o["min-seconds"],
      qcMaxFastShare: o["max-fast-share"],
      stoppedGetsCode: o["stopped-code"],
      rationaleRequired: o.rationale,
      leakPolicy: o["leak-policy"],
    }),
    run: async (db, input) => {
      const s = await changeStudySettings(db, input);
      const prioritised = await prioritiseUncertainPairs(db, s.slug);
      if (prioritised)
        console.log(`serving the least certain pairs first (${prioritised.comparisons} comparisons ordered)`);
      console.log(
        `study "${s.slug}": title "${s.title}", overlap k ${s.overlapK}, quota ${s.quota ?? "none"}, lease ${s.leaseSeconds / 60} min, ` +
          `one per prompt ${s.onePerPrompt ? "on" : "off"}, ` +
          `labels ${s.verdictLabels.map((l) => `"${l}"`).join(" / ")}, guidelines ${s.guidelines.length} characters`,
      );
    },
  }),
  defineCommand({
    name: "links create",
    summary: "Create a crowd link (prints the URL to paste into Prolific and the completion code).",
    options: {
      study: { type: "string", key: "slug", help: "the study's slug" },
      "completion-code": {
        type: "string",
        key: "completionCode",
        help: "shown when a worker is done (default: random)",
      },
      "redirect-url": {
        type: "string",
        key: "redirectUrl",
        help: "http(s) address to send a finished worker to",
      },
      "worker-param": {
        type: "string",
        key: "workerParam",
        help: "query parameter of the worker id (default PROLIFIC_PID)",
      },
      "study-param": {
        type: "string",
        key: "studyParam",
        help: "query parameter of the platform's study id",
      },
      "session-param": {
        type: "string",
        key: "sessionParam",
        help: "query parameter of the platform's session id",
      },
      "base-url": {
        type: "string",
        key: "baseUrl",
        help: "public address of this Verdict (default VERDICT_BASE_URL)",
      },
    },
    // --base-url only shapes the printed URL, checked like VERDICT_BASE_URL.
    schema: createLinkSchema.extend({
      baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
    }),
    run: async (db, { baseUrl, ...input }) => {
      const link = await createStudyLink(db, input);
      console.log(prolificUrl(baseUrl ?? env().VERDICT_BASE_URL ?? "http://localhost:3000", link));
      console.log(`completion code: ${link.completionCode}`);
    },
  }),
];
