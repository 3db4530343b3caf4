import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";
import { resolveAuthSecret } from "./secret";

describe("resolveAuthSecret", () => {
  it("prefers AUTH_SECRET", () => {
    expect(resolveAuthSecret(parseEnv({ AUTH_SECRET: "s3cret" }))).toBe("s3cret");
  });
  it("is required with DATABASE_URL", () => {
    expect(() => resolveAuthSecret(parseEnv({ DATABASE_URL: "postgres://h/db" }))).toThrow(
      /AUTH_SECRET is required/,
    );
  });
  it("generates one secret into the data folder and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-secret-"));
    const logs: string[] = [];
    const first = resolveAuthSecret(parseEnv({ VERDICT_DATA_DIR: dir }), (s) => logs.push(s));
    const second = resolveAuthSecret(parseEnv({ VERDICT_DATA_DIR: dir }), (s) => logs.push(s));
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(logs).toHaveLength(1);
    expect(fs.statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });
});
