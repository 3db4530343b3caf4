import type { ChatMessage } from "@/db/schema";
import { renderMarkdown } from "@/platform/markdown";
import { maskWords } from "./leaks";

/** A prompt's stored rendering: the text's, or each message's content's. */
export type RenderedPrompt = { html: string | null; messagesHtml: string[] | null };

/** A response's stored rendering; the masked forms (leak policy "mask") exist only where leak words were found. */
export type RenderedResponse = {
  html: string;
  turnsHtml: string[] | null;
  maskedHtml: string | null;
  maskedTurnsHtml: string[] | null;
};

export function renderPrompt(text: string | null, messages: ChatMessage[] | null): RenderedPrompt {
  return messages
    ? { html: null, messagesHtml: messages.map((m) => renderMarkdown(m.content)) }
    : { html: renderMarkdown(text ?? ""), messagesHtml: null };
}

export function renderResponse(
  text: string,
  turns: string[] | null,
  leakWords: string[] | null,
): RenderedResponse {
  const leaks = leakWords?.length ? leakWords : null;
  return {
    html: renderMarkdown(text),
    turnsHtml: turns?.map(renderMarkdown) ?? null,
    maskedHtml: leaks ? renderMarkdown(maskWords(text, leaks)) : null,
    maskedTurnsHtml: leaks ? (turns?.map((t) => renderMarkdown(maskWords(t, leaks))) ?? null) : null,
  };
}
