import { describe, expect, it } from "vitest";
import { referenceSideFor, SIDE_BLOCK } from "./sides";

const base = { secret: "s", userId: "7f1c7a52-1d7e-4f7e-9a43-2d1f0c0b9e11", studyId: 1 };
const sides = (n: number, over: Partial<typeof base> = {}) =>
  Array.from({ length: n }, (_, seq) => referenceSideFor({ ...base, ...over, seq }));

describe("referenceSideFor", () => {
  it("shows the reference left in exactly half of every block of eight", () => {
    const all = sides(SIDE_BLOCK * 100);
    for (let b = 0; b < 100; b++) {
      expect(all.slice(b * SIDE_BLOCK, (b + 1) * SIDE_BLOCK).filter((s) => s === "left")).toHaveLength(
        SIDE_BLOCK / 2,
      );
    }
  });

  it("has no position an annotator could read: every position of a block is left about half the time", () => {
    const all = sides(SIDE_BLOCK * 800);
    for (let pos = 0; pos < SIDE_BLOCK; pos++) {
      const atPos = all.filter((_, seq) => seq % SIDE_BLOCK === pos);
      const share = atPos.filter((s) => s === "left").length / atPos.length;
      expect(share, `position ${pos}`).toBeGreaterThan(0.42);
      expect(share, `position ${pos}`).toBeLessThan(0.58);
    }
    // A block of two made an item's partner certain; here the next item repeats the side about 3 times in 7.
    const repeats = all.slice(1).filter((s, i) => s === all[i]).length / (all.length - 1);
    expect(repeats).toBeGreaterThan(0.35);
    expect(repeats).toBeLessThan(0.5);
  });

  it("varies between annotators and depends on the secret", () => {
    expect(sides(64, { userId: "0b7e6a3c-0000-4000-8000-000000000001" })).not.toEqual(sides(64));
    expect(sides(64, { secret: "t" })).not.toEqual(sides(64));
  });
});
