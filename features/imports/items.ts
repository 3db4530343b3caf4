import type { ChatMessage, StudyDesign } from "@/db/schema";
import { ITEM_CSV_COLUMNS, itemCsvRowSchema, itemRowSchema } from "@/features/imports/schemas";
import { IssueList } from "./errors";
import { formatOf, readRecords, type ReadOptions } from "./records";

export type ParsedPrompt = {
  line: number;
  externalId: string;
  text: string | null;
  messages: ChatMessage[] | null;
  category: string | null;
  source: string | null;
  /** model name -> response text (a multi-turn response's turns joined by blank lines) */
  responses: Map<string, string>;
  /** model name -> assistant turns, for multi-turn responses */
  turns: Map<string, string[]>;
};

/** A multi-turn response's text: its turns, a blank line apart (what lengths and exports read). */
const joinTurns = (turns: string[]) => turns.join("\n\n");

export type ItemsPlan = {
  prompts: ParsedPrompt[];
  design: StudyDesign;
  /** A rating study's labels, worst first; null in other designs. */
  scale: string[] | null;
  /** The reference design's reference model; null in an all-pairs study. */
  reference: string | null;
  /** The reference design's baselines; in an all-pairs study every model. */
  baselines: string[];
  models: string[];
};

/** Parses an items file (JSONL: one prompt a line; CSV: one prompt x model a row). Throws ImportError. */
export async function parseItemsFile(file: string, opts: ReadOptions = {}): Promise<ParsedPrompt[]> {
  const issues = new IssueList(opts.displayName ?? file);
  const byId = new Map<string, ParsedPrompt>();
  if (formatOf(file) === "jsonl") {
    for await (const { line, value } of readRecords(file, itemRowSchema, issues, {
      ...opts,
      requiredColumns: [],
    })) {
      const seen = byId.get(value.prompt_id);
      if (seen) {
        issues.add(line, "prompt_id", `duplicate "${value.prompt_id}" (first on line ${seen.line})`);
        continue;
      }
      byId.set(value.prompt_id, {
        line,
        externalId: value.prompt_id,
        text: value.prompt ?? null,
        messages: value.messages ?? null,
        category: value.category ?? null,
        source: value.source ?? null,
        responses: new Map(
          Object.entries(value.responses).map(([m, t]) => [m.trim(), Array.isArray(t) ? joinTurns(t) : t]),
        ),
        turns: new Map(
          Object.entries(value.responses).flatMap(([m, t]) =>
            Array.isArray(t) ? [[m.trim(), t] as const] : [],
          ),
        ),
      });
    }
  } else {
    const rows = readRecords(file, itemCsvRowSchema, issues, { ...opts, requiredColumns: ITEM_CSV_COLUMNS });
    for await (const { line, value } of rows) {
      let p = byId.get(value.prompt_id);
      if (!p) {
        p = {
          line,
          externalId: value.prompt_id,
          text: value.prompt,
          messages: null,
          category: value.category ?? null,
          source: value.source ?? null,
          responses: new Map(),
          turns: new Map(),
        };
        byId.set(value.prompt_id, p);
      } else if (p.text !== value.prompt) {
        issues.add(line, "prompt", `differs from the prompt of "${value.prompt_id}" on line ${p.line}`);
        continue;
      }
      if (p.responses.has(value.model)) {
        issues.add(line, "model", `duplicate response of "${value.model}" to prompt "${value.prompt_id}"`);
        continue;
      }
      p.responses.set(value.model, value.response);
    }
  }
  issues.throwIfAny();
  return [...byId.values()];
}

/**
 * Checks the model choices against the parsed prompts. Baselines default to every other model in the file.
 * Throws ImportError naming the option at fault (line 0: it is the command, not the file).
 */
export function planItems(
  file: string,
  prompts: ParsedPrompt[],
  choice: { design?: StudyDesign; reference?: string; baselines?: string[]; scale?: string[] },
): ItemsPlan {
  const issues = new IssueList(file);
  const models = new Set<string>();
  for (const p of prompts) for (const m of p.responses.keys()) models.add(m);
  const known = () => [...models].sort().join(", ");
  const all = [...models].sort();
  if (choice.design !== "rating")
    for (const p of prompts)
      for (const m of p.turns.keys())
        issues.add(p.line, `responses.${m}`, "a list of turns is rated turn by turn: only in a rating study");
  if (choice.design === "rating") {
    if (!choice.scale) issues.add(0, "--scale", "required for the rating design");
    issues.throwIfAny();
    return { prompts, design: "rating", scale: choice.scale!, reference: null, baselines: all, models: all };
  }
  if (choice.design === "all_pairs") {
    if (models.size < 2) issues.add(0, "--design", `all pairs need two models or more (models: ${known()})`);
    issues.throwIfAny();
    return { prompts, design: "all_pairs", scale: null, reference: null, baselines: all, models: all };
  }
  const reference = choice.reference ?? "";
  if (!reference) {
    issues.add(0, "--reference", "required for the reference design");
    issues.throwIfAny();
  }
  if (!models.has(reference)) {
    issues.add(
      0,
      "--reference",
      `model "${choice.reference}" has no responses in the file (models: ${known()})`,
    );
  }
  const baselines = choice.baselines?.length ? choice.baselines : [...models].filter((m) => m !== reference);
  for (const b of baselines) {
    if (!models.has(b))
      issues.add(0, "--baselines", `model "${b}" has no responses in the file (models: ${known()})`);
    if (b === reference) issues.add(0, "--baselines", `"${b}" is the reference model`);
  }
  if (baselines.length === 0)
    issues.add(0, "--baselines", "no baseline model: the file holds only the reference");
  issues.throwIfAny();
  return {
    prompts,
    design: "reference",
    scale: null,
    reference,
    baselines: [...new Set(baselines)],
    models: [...models].sort(),
  };
}
