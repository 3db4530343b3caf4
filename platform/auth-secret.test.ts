import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAuthSecret } from "./auth-secret";

describe("resolveAuthSecret", () => {
  it("prefers AUTH_SECRET", () => {
    expect(resolveAuthSecret({ AUTH_SECRET: "s3cret" })).toBe("s3cret");
  });
  it("is required with DATABASE_URL", () => {
    expect(() => resolveAuthSecret({ DATABASE_URL: "postgres://h/db" })).toThrow(/AUTH_SECRET is required/);
  });
  it("generates one secret into the data folder and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-secret-"));
    const logs: string[] = [];
    const first = resolveAuthSecret({ VERDICT_DATA_DIR: dir }, (s) => logs.push(s));
    const second = resolveAuthSecret({ VERDICT_DATA_DIR: dir }, (s) => logs.push(s));
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(logs).toHaveLength(1);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});
