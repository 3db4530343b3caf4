import { describe, expect, it } from "vitest";
import { toItemView } from "./state";

describe("toItemView", () => {
  it("renders a multi-turn prompt with its roles and both responses as sanitized HTML", () => {
    const view = toItemView("3f1b2c4d-0000-4000-8000-000000000000", {
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
    });
    expect(view.prompt).toEqual({
      messages: [
        { role: "user", html: "<p>Hi <em>there</em></p>" },
        { role: "assistant", html: "<p>Hello</p>" },
        { role: "user", html: "<p>A table?</p>" },
      ],
    });
    expect(view.left).toContain("<table>");
    expect(view.right).toBe("&#x3C;script>x()&#x3C;/script>");
    expect(Object.keys(view).sort()).toEqual(["left", "prompt", "right", "token"]);
  });
});
