import { describe, expect, it } from "vitest";
import { canRevise, quotaReached, verdictFromChoice } from "./rules";
import { referenceSideFor } from "./sides";

describe("verdictFromChoice", () => {
  it("maps A/B onto reference/baseline by the side shown", () => {
    expect(verdictFromChoice("A", "left")).toBe("reference");
    expect(verdictFromChoice("B", "left")).toBe("baseline");
    expect(verdictFromChoice("A", "right")).toBe("baseline");
    expect(verdictFromChoice("B", "right")).toBe("reference");
    expect(verdictFromChoice("tie", "right")).toBe("tie");
  });
});

describe("quota and undo", () => {
  it("quota: null is unlimited", () => {
    expect(quotaReached(1000, null)).toBe(false);
    expect(quotaReached(4, 5)).toBe(false);
    expect(quotaReached(5, 5)).toBe(true);
  });
  it("undo is allowed until the next item is finished", () => {
    expect(canRevise(3, [0, 1, 2, 3])).toBe(true);
    expect(canRevise(3, [0, 1, 2, 3, 4])).toBe(false);
  });
});

describe("referenceSideFor", () => {
  const base = { secret: "s", userId: "7f1c7a52-1d7e-4f7e-9a43-2d1f0c0b9e11", studyId: 1 };
  it("shows the reference left in exactly half of every block of two", () => {
    for (let block = 0; block < 50; block++) {
      const a = referenceSideFor({ ...base, seq: 2 * block });
      const b = referenceSideFor({ ...base, seq: 2 * block + 1 });
      expect(new Set([a, b])).toEqual(new Set(["left", "right"]));
    }
  });
  it("varies the order between blocks and annotators, and depends on the secret", () => {
    const firsts = Array.from({ length: 64 }, (_, b) => referenceSideFor({ ...base, seq: 2 * b }));
    const lefts = firsts.filter((s) => s === "left").length;
    expect(lefts).toBeGreaterThan(16);
    expect(lefts).toBeLessThan(48);
    const other = Array.from({ length: 64 }, (_, b) =>
      referenceSideFor({ ...base, secret: "t", seq: 2 * b }),
    );
    expect(other).not.toEqual(firsts);
  });
});
