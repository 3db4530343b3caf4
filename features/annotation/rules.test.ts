import { describe, expect, it } from "vitest";
import { canRevise, choiceFromVerdict, leaseHolds, pickCandidate, quotaReached, verdictFromChoice } from "./rules";
import { referenceSideFor } from "./sides";

describe("verdictFromChoice", () => {
  it("maps A/B onto reference/baseline by the side shown", () => {
    expect(verdictFromChoice("A", "left")).toBe("reference");
    expect(verdictFromChoice("B", "left")).toBe("baseline");
    expect(verdictFromChoice("A", "right")).toBe("baseline");
    expect(verdictFromChoice("B", "right")).toBe("reference");
    expect(verdictFromChoice("tie", "right")).toBe("tie");
  });
  it("round-trips with choiceFromVerdict", () => {
    for (const side of ["left", "right"] as const)
      for (const c of ["A", "tie", "B"] as const) expect(choiceFromVerdict(verdictFromChoice(c, side), side)).toBe(c);
  });
});

describe("pickCandidate", () => {
  it("takes the least-loaded comparison below k", () => {
    expect(pickCandidate([{ id: 1, load: 2 }, { id: 2, load: 0 }, { id: 3, load: 1 }], 3)).toBe(2);
  });
  it("never picks one already at k", () => {
    expect(pickCandidate([{ id: 1, load: 3 }, { id: 2, load: 4 }], 3)).toBeNull();
    expect(pickCandidate([], 1)).toBeNull();
  });
  it("breaks ties at random over all the least-loaded", () => {
    const cands = [{ id: 1, load: 1 }, { id: 2, load: 1 }, { id: 3, load: 1 }, { id: 4, load: 2 }];
    expect(pickCandidate(cands, 3, () => 0)).toBe(1);
    expect(pickCandidate(cands, 3, () => 0.5)).toBe(2);
    expect(pickCandidate(cands, 3, () => 0.99)).toBe(3);
  });
});

describe("leases, quota and undo", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("a lease holds until it expires or is finished", () => {
    expect(leaseHolds({ status: "active", expiresAt: new Date("2026-01-01T12:00:01Z") }, now)).toBe(true);
    expect(leaseHolds({ status: "active", expiresAt: now }, now)).toBe(false);
    expect(leaseHolds({ status: "done", expiresAt: new Date("2027-01-01") }, now)).toBe(false);
  });
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
    const other = Array.from({ length: 64 }, (_, b) => referenceSideFor({ ...base, secret: "t", seq: 2 * b }));
    expect(other).not.toEqual(firsts);
  });
});
