import { sql } from "drizzle-orm";
import type { ChatMessage, Side } from "@/db/schema";
import { maskWords } from "../leaks";

export type ItemContent = {
  prompt: { text: string | null; messages: ChatMessage[] | null };
  left: string;
  right: string;
  /** The (baseline-column) response's assistant turns: a rating item rated turn by turn. */
  turns: string[] | null;
};

/** Columns of an item's texts, for a query that adds `itemJoins` to comparisons aliased `c`. */
export const itemColumns = sql`p.text as prompt_text, p.messages as prompt_messages, rr.text as reference_text,
  br.text as baseline_text, br.turns as baseline_turns, rr.leak_words as reference_leaks,
  br.leak_words as baseline_leaks`;

/** `left` keeps a row without a comparison (columns null). */
export const itemJoins = (join: "inner" | "left" = "inner") => {
  const kind = sql.raw(`${join} join`);
  return sql`
  ${kind} prompts p on p.id = c.prompt_id
  ${kind} responses rr on rr.id = c.reference_response_id
  ${kind} responses br on br.id = c.baseline_response_id`;
};

export type ItemRow = {
  prompt_text: string | null;
  prompt_messages: ChatMessage[] | null;
  reference_text: string;
  baseline_text: string;
  baseline_turns: string[] | null;
  reference_leaks: string[] | null;
  baseline_leaks: string[] | null;
};

/**
 * The texts of a served item, placed on the sides the assignment chose. Holds no ids or model names; with `mask`
 * (the study's leak policy), the words that name a model or maker found at import are masked too.
 */
export function itemContent(row: ItemRow, referenceSide: Side, mask = false): ItemContent {
  const ref = mask ? maskWords(row.reference_text, row.reference_leaks) : row.reference_text;
  const base = mask ? maskWords(row.baseline_text, row.baseline_leaks) : row.baseline_text;
  return {
    prompt: { text: row.prompt_text, messages: row.prompt_messages },
    left: referenceSide === "left" ? ref : base,
    right: referenceSide === "left" ? base : ref,
    turns: mask
      ? (row.baseline_turns?.map((t) => maskWords(t, row.baseline_leaks)) ?? null)
      : row.baseline_turns,
  };
}
