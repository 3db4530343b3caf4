import { describe, expect, it } from "vitest";
import { toItemView } from "./state";

describe("toItemView", () => {
  it("renders a multi-turn prompt with its roles and both responses as sanitized HTML", () => {
    const view = toItemView(
      "3f1b2c4d-0000-4000-8000-000000000000",
      {
        prompt: {
          text: null,
          messages: [
            { role: "user", content: "Hi *there*" },
            { role: "assistant", content: "Hello" },
            { role: "user", content: "A table?" },
          ],
        },
        left: "| a |\n|---|\n| 1 |",
        right: "<script>x()</script>",
        turns: null,
      },
      false,
    );
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

  it("shows a rating item's one response, and its turns sanitized, with nothing else", () => {
    const view = toItemView(
      "3f1b2c4d-0000-4000-8000-000000000000",
      {
        prompt: { text: "Q", messages: null },
        left: "whole",
        right: "whole",
        turns: ["one <b>x</b>", "two"],
      },
      true,
    );
    expect(view).toEqual({
      token: "3f1b2c4d-0000-4000-8000-000000000000",
      prompt: { html: "<p>Q</p>" },
      kind: "rating",
      response: "<p>whole</p>",
      turns: ["<p>one &#x3C;b>x&#x3C;/b></p>", "<p>two</p>"],
    });
  });
});
