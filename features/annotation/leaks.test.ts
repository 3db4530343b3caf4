import fs from "node:fs";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { findLeaks, leakMatcher, maskWords } from "./leaks";

describe("the identity-leak guard", () => {
  const m = leakMatcher(["tulu-2-dpo-70b", "gpt-4-0613"]);

  it("finds the kept phrases and the study's model names, case-insensitive and word-bounded", () => {
    expect(findLeaks("As an AI developed by OpenAI, I cannot.", m)).toEqual([
      "As an AI developed by",
      "OpenAI",
    ]);
    expect(findLeaks("I'm Claude, made by Anthropic.", m)).toEqual(["I'm Claude", "Anthropic"]);
    expect(findLeaks("Ask chatgpt or gpt-4-0613 or TULU.", m)).toEqual(["chatgpt", "gpt-4-0613", "TULU"]);
    expect(findLeaks("Tülu 2 says hi", m)).toEqual(["Tülu"]);
    // Not inside a word: a bardic tale, a mistrial, "Geminids".
    expect(findLeaks("A bardic tale of a mistrial under the Geminids.", m)).toEqual([]);
    expect(findLeaks("Nothing to see here.", m)).toEqual([]);
  });

  it("masks a response's stored leak words wherever they stand alone, whatever their case", () => {
    expect(maskWords("OpenAI made me; openai is great; OpenAIs are not a word.", ["OpenAI"])).toBe(
      "[…] made me; […] is great; OpenAIs are not a word.",
    );
    expect(maskWords("untouched", null)).toBe("untouched");
  });

  it("flags real responses that name their maker in LIMA's test set (13 models)", () => {
    const lines = zlib
      .gunzipSync(fs.readFileSync("data/lima/just-eval-lima300-13models.jsonl.gz"))
      .toString("utf8");
    const rows = lines
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const texts = rows.flatMap((r) =>
      Object.values((r.outputs ?? {}) as Record<string, string>).filter((t) => typeof t === "string"),
    );
    const matcher = leakMatcher([]);
    const leaking = texts.filter((t) => findLeaks(t, matcher).length > 0);
    // GPT-4's answer to lima-188 begins "As an AI developed by OpenAI": found, whatever else is.
    expect(leaking.some((t) => t.includes("As an AI developed by OpenAI"))).toBe(true);
    expect(leaking.length).toBeGreaterThan(0);
    expect(leaking.length).toBeLessThan(texts.length / 10);
  });
});
