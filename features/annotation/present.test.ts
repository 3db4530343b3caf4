import { describe, expect, it } from "vitest";
import { itemContent, type ItemRow } from "./queries/items";
import { renderResponse } from "./rendered";
import { toItemView } from "./state";

/** A row as the serving query returns it for texts not rendered yet (the source columns set). */
const sourceRow = (over: Partial<ItemRow> = {}): ItemRow => ({
  prompt_messages: null,
  prompt_rendered: false,
  prompt_text: "Q",
  prompt_html: null,
  prompt_messages_html: null,
  reference_rendered: false,
  reference_text: "ref",
  reference_html: null,
  reference_masked_html: null,
  reference_leaks: null,
  baseline_rendered: false,
  baseline_text: "base",
  baseline_html: null,
  baseline_masked_html: null,
  baseline_leaks: null,
  baseline_turns: null,
  baseline_turns_html: null,
  baseline_masked_turns_html: null,
  ...over,
});

describe("itemContent and toItemView", () => {
  it("renders a multi-turn prompt with its roles and both responses as sanitized HTML when none is stored", () => {
    const content = itemContent(
      sourceRow({
        prompt_text: null,
        prompt_messages: [
          { role: "user", content: "Hi *there*" },
          { role: "assistant", content: "Hello" },
          { role: "user", content: "A table?" },
        ],
        reference_text: "| a |\n|---|\n| 1 |",
        baseline_text: "<script>x()</script>",
      }),
      "left",
    );
    const view = toItemView("3f1b2c4d-0000-4000-8000-000000000000", content, false);
    if (view.kind !== "pair") throw new Error("a pairwise item");
    expect(view.prompt).toEqual({
      messages: [
        { role: "user", html: "<p>Hi <em>there</em></p>" },
        { role: "assistant", html: "<p>Hello</p>" },
        { role: "user", html: "<p>A table?</p>" },
      ],
    });
    expect(view.left).toContain("<table>");
    expect(view.right).toBe("&#x3C;script>x()&#x3C;/script>");
    expect(Object.keys(view).sort()).toEqual(["kind", "left", "prompt", "right", "token"]);
  });

  it("serves the stored renderings as they are, placing the reference on its side", () => {
    const content = itemContent(
      sourceRow({
        prompt_rendered: true,
        prompt_text: null,
        prompt_html: "<p>stored prompt</p>",
        reference_rendered: true,
        reference_text: null,
        reference_html: "<p>stored ref</p>",
        baseline_rendered: true,
        baseline_text: null,
        baseline_html: "<p>stored base</p>",
      }),
      "right",
    );
    expect(content).toEqual({
      prompt: { html: "<p>stored prompt</p>", messages: null },
      left: "<p>stored base</p>",
      right: "<p>stored ref</p>",
      turns: null,
    });
  });

  it("serves the masked forms under the mask policy, stored or rendered on the fly alike", () => {
    const text = "I am Claude, made by Anthropic.";
    const leaks = ["Claude", "Anthropic"];
    const stored = renderResponse(text, ["Claude here", "bye"], leaks);
    expect(stored.maskedHtml).toBe("<p>I am […], made by […].</p>");
    const fromStore = sourceRow({
      baseline_rendered: true,
      baseline_text: null,
      baseline_html: stored.html,
      baseline_masked_html: stored.maskedHtml,
      baseline_turns_html: stored.turnsHtml,
      baseline_masked_turns_html: stored.maskedTurnsHtml,
      baseline_leaks: leaks,
    });
    const onTheFly = sourceRow({
      baseline_text: text,
      baseline_turns: ["Claude here", "bye"],
      baseline_leaks: leaks,
    });
    for (const row of [fromStore, onTheFly]) {
      expect(itemContent(row, "left", true)).toMatchObject({
        right: "<p>I am […], made by […].</p>",
        turns: ["<p>[…] here</p>", "<p>bye</p>"],
      });
      expect(itemContent(row, "left", false).right).toBe("<p>I am Claude, made by Anthropic.</p>");
    }
  });

  it("shows a rating item's one response, and its turns sanitized, with nothing else", () => {
    const content = itemContent(
      sourceRow({ reference_text: "whole", baseline_text: "whole", baseline_turns: ["one <b>x</b>", "two"] }),
      "left",
    );
    expect(toItemView("3f1b2c4d-0000-4000-8000-000000000000", content, true)).toEqual({
      token: "3f1b2c4d-0000-4000-8000-000000000000",
      prompt: { html: "<p>Q</p>" },
      kind: "rating",
      response: "<p>whole</p>",
      turns: ["<p>one &#x3C;b>x&#x3C;/b></p>", "<p>two</p>"],
    });
  });
});
