import { describe, expect, it } from "vitest";
import { neutralizeCell } from "./cells";

describe("neutralizeCell", () => {
  it("prefixes formula starters with a quote", () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x","y")']) {
      expect(neutralizeCell(s)).toBe(`'${s}`);
    }
  });
  it("leaves ordinary values, and renders null and dates", () => {
    expect(neutralizeCell("A is better")).toBe("A is better");
    expect(neutralizeCell(42)).toBe("42");
    expect(neutralizeCell(null)).toBe("");
    expect(neutralizeCell(new Date("2024-01-02T03:04:05Z"))).toBe("2024-01-02T03:04:05.000Z");
  });
});
