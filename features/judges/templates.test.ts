import { describe, expect, it } from "vitest";
import { loadTemplate, parsePairVerdict, parseRating, questionText, render } from "./templates";

describe("mt-bench-pair", () => {
  // FastChat's pair-v2, word for word: its system prompt and its answer markers.
  it("is MT-Bench's pair-v2 system prompt and template, filled in", () => {
    const t = loadTemplate("mt-bench-pair", false, null);
    expect(t.system).toMatch(
      /^Please act as an impartial judge and evaluate the quality of the responses provided by two AI assistants/,
    );
    expect(t.system).toContain(
      '"[[A]]" if assistant A is better, "[[B]]" if assistant B is better, and "[[C]]" for a tie.',
    );
    const [system, user] = render(t, {
      question: "Q?",
      answerA: "first {answer_b}",
      answerB: "second",
      labels: [],
    });
    expect(system.role).toBe("system");
    expect(user.content).toBe(
      "[User Question]\nQ?\n\n[The Start of Assistant A's Answer]\nfirst {answer_b}\n[The End of Assistant A's Answer]\n\n" +
        "[The Start of Assistant B's Answer]\nsecond\n[The End of Assistant B's Answer]",
    );
  });

  it("is refused for a rating study, as mt-bench-single is for a pairwise one or another scale", () => {
    expect(() => loadTemplate("mt-bench-pair", true, ["Fail", "Pass"])).toThrow(/compares two responses/);
    expect(() => loadTemplate("mt-bench-single", false, null)).toThrow(/rates one response/);
    expect(() => loadTemplate("mt-bench-single", true, ["1", "2", "3"])).toThrow(/rates 1 to 10/);
    expect(
      loadTemplate(
        "mt-bench-single",
        true,
        Array.from({ length: 10 }, (_, i) => String(i + 1)),
      ).user,
    ).toContain('"[[rating]]", for example: "Rating: [[5]]"');
    expect(() => loadTemplate("/nonexistent/template.txt", false, null)).toThrow(/not a built-in template/);
  });
});

describe("lima", () => {
  it("asks with the study's labels", () => {
    const [system] = render(loadTemplate("lima", false, null), {
      question: "q",
      answerA: "a",
      answerB: "b",
      labels: ["A is better", "Neither", "B is better"],
    });
    expect(system.content).toContain(
      '"[[A]]" for "A is better", "[[B]]" for "B is better", and "[[C]]" for "Neither"',
    );
    const [rating] = render(loadTemplate("lima", true, ["1", "2", "3", "4", "5", "6"]), {
      question: "q",
      answer: "a",
      labels: ["1", "2", "3", "4", "5", "6"],
    });
    expect(rating.content).toContain("from worst to best: 1, 2, 3, 4, 5, 6");
  });
});

describe("parsing", () => {
  it("takes the one verdict given, and refuses none or two different ones", () => {
    expect(parsePairVerdict("B is more precise. [[B]]")).toBe("B");
    expect(parsePairVerdict("Both fine. Final: [[C]]")).toBe("tie");
    expect(parsePairVerdict("[[A]] ... on reflection [[A]]")).toBe("A");
    expect(parsePairVerdict("I cannot decide")).toBeNull();
    expect(parsePairVerdict("[[A]] or maybe [[B]]")).toBeNull();
  });

  it("reads a rating as a label of the scale", () => {
    expect(parseRating("Rating: [[Excellent]]", ["Fail", "Pass", "Excellent"])).toBe(2);
    expect(parseRating("Rating: [[pass]]", ["Fail", "Pass", "Excellent"])).toBe(1);
    expect(parseRating("Rating: [[5]]", ["1", "2", "3", "4", "5", "6"])).toBe(4);
    expect(parseRating("Rating: [[7]]", ["1", "2", "3", "4", "5", "6"])).toBeNull();
    expect(parseRating("Rating: [[Good]]", ["Fail", "Pass", "Excellent"])).toBeNull();
  });

  it("renders a multi-turn prompt as the conversation", () => {
    expect(
      questionText({
        text: null,
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello" },
          { role: "user", content: "Joke?" },
        ],
      }),
    ).toBe("### User:\nHi\n\n### Assistant:\nHello\n\n### User:\nJoke?");
  });
});
