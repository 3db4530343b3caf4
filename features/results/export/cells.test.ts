import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { cellText, csvCell, FORMULA_START } from "./cells";
import { encodeRows, oneBatch } from "./stream";

const csvOf = async (values: unknown[]) =>
  new Response(encodeRows(oneBatch(values.map((v) => ({ v }))), ["v"], "csv")).text();

describe("CSV export cells", () => {
  it("prefixes formula starters with a quote, multi-line cells included", async () => {
    for (const s of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd"]) {
      expect((await csvOf([s])).split("\r\n")[1]).toMatch(
        new RegExp(`^"?'${s.replace(/[+\\^$.*?()[\]|]/g, "\\$&").replace("\r", "\\r")}`),
      );
    }
    expect(await csvOf(['=HYPERLINK("http://x","y")'])).toBe('v\r\n"\'=HYPERLINK(""http://x"",""y"")"\r\n');
    expect(await csvOf(["=cmd|' /C calc'!A0\nsecond line"])).toBe(
      "v\r\n\"'=cmd|' /C calc'!A0\nsecond line\"\r\n",
    );
  });
  it("leaves ordinary values, and renders null and dates", async () => {
    expect(await csvOf(["A is better", 42, null, new Date("2024-01-02T03:04:05Z")])).toBe(
      "v\r\nA is better\r\n42\r\n\r\n2024-01-02T03:04:05.000Z\r\n",
    );
    expect(cellText(undefined)).toBe("");
  });

  it("writes every cell exactly as Papa Parse's unparse does (random text over the characters that matter)", () => {
    const alphabet = ['"', ",", "\r", "\n", " ", "=", "+", "-", "@", "\t", "'", "\ufeff", "a", "b", "é", ";"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const records = Array.from({ length: 2000 }, () =>
      Array.from({ length: 3 }, () =>
        Array.from(
          { length: Math.floor(next() * 6) },
          () => alphabet[Math.floor(next() * alphabet.length)],
        ).join(""),
      ),
    );
    const ours = records.map((r) => r.map(csvCell).join(",")).join("\r\n");
    expect(ours).toBe(Papa.unparse(records, { newline: "\r\n", escapeFormulae: FORMULA_START }));
  });
});
