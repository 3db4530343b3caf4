import { sql } from "drizzle-orm";
import type { ChatMessage, Side } from "@/db/schema";
import { MARKDOWN_RENDERER_VERSION } from "@/platform/markdown";
import { renderPrompt, renderResponse, type RenderedResponse } from "../rendered";

/** A served item's texts as sanitized HTML, on the sides the assignment chose: no ids, no model names. */
export type ItemContent = {
  prompt: { html: string | null; messages: { role: string; html: string }[] | null };
  left: string;
  right: string;
  /** The (baseline-column) response's assistant turns: a rating item rated turn by turn. */
  turns: string[] | null;
};

const V = sql.raw(String(MARKDOWN_RENDERER_VERSION));
/** A text's stored rendering when it is by this renderer, else the source (rendered on the fly; rare). */
const responseColumns = (alias: string, name: string, withTurns: boolean) => {
  const [a, n] = [sql.raw(alias), sql.raw(name)];
  const current = sql`${a}.render_version = ${V}`;
  return sql`coalesce(${current}, false) as ${n}_rendered,
    case when ${current} then null else ${a}.text end as ${n}_text,
    case when ${current} then ${a}.html end as ${n}_html,
    case when ${current} then ${a}.masked_html end as ${n}_masked_html,
    ${a}.leak_words as ${n}_leaks${
      withTurns
        ? sql`, case when ${current} then null else ${a}.turns end as ${n}_turns,
    case when ${current} then ${a}.turns_html end as ${n}_turns_html,
    case when ${current} then ${a}.masked_turns_html end as ${n}_masked_turns_html`
        : sql``
    }`;
};

/** Columns of an item's texts, for a query that adds `itemJoins` to comparisons aliased `c`. */
export const itemColumns = sql`p.messages as prompt_messages,
  coalesce(p.render_version = ${V}, false) as prompt_rendered,
  case when p.render_version = ${V} then null else p.text end as prompt_text,
  case when p.render_version = ${V} then p.html end as prompt_html,
  case when p.render_version = ${V} then p.messages_html end as prompt_messages_html,
  ${responseColumns("rr", "reference", false)}, ${responseColumns("br", "baseline", true)}`;

/** `left` keeps a row without a comparison (columns null). */
export const itemJoins = (join: "inner" | "left" = "inner") => {
  const kind = sql.raw(`${join} join`);
  return sql`
  ${kind} prompts p on p.id = c.prompt_id
  ${kind} responses rr on rr.id = c.reference_response_id
  ${kind} responses br on br.id = c.baseline_response_id`;
};

export type ItemRow = {
  prompt_messages: ChatMessage[] | null;
  prompt_rendered: boolean;
  prompt_text: string | null;
  prompt_html: string | null;
  prompt_messages_html: string[] | null;
  reference_rendered: boolean;
  reference_text: string | null;
  reference_html: string | null;
  reference_masked_html: string | null;
  reference_leaks: string[] | null;
  baseline_rendered: boolean;
  baseline_text: string | null;
  baseline_html: string | null;
  baseline_masked_html: string | null;
  baseline_leaks: string[] | null;
  baseline_turns: string[] | null;
  baseline_turns_html: string[] | null;
  baseline_masked_turns_html: string[] | null;
};

function stored(row: ItemRow, name: "reference" | "baseline"): RenderedResponse {
  const r = row as unknown as Record<string, unknown>;
  if (r[`${name}_rendered`])
    return {
      html: r[`${name}_html`] as string,
      maskedHtml: r[`${name}_masked_html`] as string | null,
      turnsHtml: (r[`${name}_turns_html`] as string[] | undefined) ?? null,
      maskedTurnsHtml: (r[`${name}_masked_turns_html`] as string[] | undefined) ?? null,
    };
  // Not rendered yet (just imported, or by an older renderer): the background render will store it.
  return renderResponse(
    r[`${name}_text`] as string,
    (r[`${name}_turns`] as string[] | undefined) ?? null,
    r[`${name}_leaks`] as string[] | null,
  );
}

/**
 * The texts of a served item, placed on the sides the assignment chose, from their stored renderings. With
 * `mask` (the study's leak policy), the forms with the words that name a model or maker masked.
 */
export function itemContent(row: ItemRow, referenceSide: Side, mask = false): ItemContent {
  const prompt = row.prompt_rendered
    ? { html: row.prompt_html, messagesHtml: row.prompt_messages_html }
    : renderPrompt(row.prompt_text, row.prompt_messages);
  const [ref, base] = [stored(row, "reference"), stored(row, "baseline")];
  const pick = (r: RenderedResponse) => (mask ? (r.maskedHtml ?? r.html) : r.html);
  return {
    prompt: {
      html: prompt.messagesHtml ? null : prompt.html,
      messages:
        row.prompt_messages && prompt.messagesHtml
          ? row.prompt_messages.map((m, i) => ({ role: m.role, html: prompt.messagesHtml![i] }))
          : null,
    },
    left: referenceSide === "left" ? pick(ref) : pick(base),
    right: referenceSide === "left" ? pick(base) : pick(ref),
    turns: mask ? (base.maskedTurnsHtml ?? base.turnsHtml) : base.turnsHtml,
  };
}
