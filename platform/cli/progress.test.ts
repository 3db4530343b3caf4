import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { progressFor } from "./progress";

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, out };
}

describe("progressFor", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-progress-"));
  const big = path.join(dir, "big.jsonl");
  const small = path.join(dir, "small.jsonl");
  fs.writeFileSync(big, Buffer.alloc(3 * 1024 * 1024));
  fs.writeFileSync(small, "x");

  it("draws a bar on a terminal for files over 1 MB, ending at 100%", () => {
    const { stream, out } = fakeStream(true);
    const p = progressFor(big, stream);
    p.onBytes!(1024 * 1024);
    p.done();
    expect(out.join("")).toContain("[##############################] 100% 3.0/3.0 MB");
  });

  it("stays silent for small files and when the output is not a terminal", () => {
    for (const [file, tty] of [
      [small, true],
      [big, false],
    ] as const) {
      const { stream, out } = fakeStream(tty);
      const p = progressFor(file, stream);
      expect(p.onBytes).toBeUndefined();
      p.done();
      expect(out).toEqual([]);
    }
  });
});
