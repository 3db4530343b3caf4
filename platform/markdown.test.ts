import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { MARKDOWN_RENDERER_VERSION, renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders lists, tables and highlighted code blocks", () => {
    const html = renderMarkdown(
      "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = 1;\n```",
    );
    expect(html).toContain("<ul>\n<li>one</li>");
    expect(html).toContain("<table>");
    expect(html).toContain("<td>2</td>");
    expect(html).toMatch(/<code class="language-js"><span class="hljs-keyword">const<\/span>/);
  });

  it("shows raw HTML as text and never emits script, event handlers or images", () => {
    const payloads = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      "[click](javascript:alert(1))",
      "![pixel](https://tracker.example/p.gif)",
      '<svg onload="alert(1)"></svg>',
      '<iframe src="https://evil.example"></iframe>',
    ];
    for (const p of payloads) {
      const html = renderMarkdown(p);
      // Escaped text such as "&#x3C;img onerror=..." is inert; no element or attribute may come through.
      expect(html).not.toMatch(/<(script|img|svg|iframe)\b/i);
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
      expect(html).not.toMatch(/<a [^>]*href="javascript/i);
    }
    expect(renderMarkdown("<script>alert(1)</script>")).toContain("&#x3C;script>alert(1)&#x3C;/script>");
    expect(renderMarkdown("![pixel](https://tracker.example/p.gif)")).toContain("[image: pixel]");
  });

  it("keeps safe links, opening them without a referrer", () => {
    expect(renderMarkdown("[docs](https://example.org/x)")).toContain(
      '<a rel="noopener noreferrer nofollow" target="_blank" href="https://example.org/x">docs</a>',
    );
  });
});

describe("MARKDOWN_RENDERER_VERSION", () => {
  it("names this output: a change to the pipeline's output must come with a new version (stored HTML is redone)", () => {
    const sample = [
      "# Title\n\nSome *emphasis*, **strong**, `code` and a [link](https://example.org).",
      "- a\n- b\n\n1. one\n2. two\n\n> quote\n\n| x | y |\n|---|:-:|\n| 1 | 2 |",
      "```python\ndef f(x):\n    return x + 1\n```\n\n~~gone~~ and www.example.com and <b>raw</b>",
      "![alt](https://example.org/x.png) <script>alert(1)</script>",
    ].join("\n\n");
    const digest = createHash("sha256").update(renderMarkdown(sample)).digest("hex");
    expect({ version: MARKDOWN_RENDERER_VERSION, digest }).toEqual({
      version: 1,
      digest: "6ac2d9e53bf1edc94a33c33a3a06791120bb138ecb29543b62e40bffe977f610",
    });
  });
});
