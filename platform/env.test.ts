import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configurationTable, databaseTarget, ENV_DOCS, ENV_KEYS, parseEnv } from "./env";

describe("databaseTarget", () => {
  it("uses Postgres when DATABASE_URL is set", () => {
    expect(databaseTarget(parseEnv({ DATABASE_URL: "postgres://u@h:5432/db" }))).toEqual({
      kind: "postgres",
      url: "postgres://u@h:5432/db",
    });
    expect(databaseTarget(parseEnv({ DATABASE_URL: "postgresql://h/db" })).kind).toBe("postgres");
  });
  it("defaults to embedded PGlite in ./.data, or VERDICT_DATA_DIR", () => {
    expect(databaseTarget(parseEnv({}))).toEqual({
      kind: "pglite",
      dataDir: path.resolve(".data", "pglite"),
    });
    expect(databaseTarget(parseEnv({ DATABASE_URL: "  ", VERDICT_DATA_DIR: "/srv/v" }))).toEqual({
      kind: "pglite",
      dataDir: "/srv/v/pglite",
    });
    expect(databaseTarget(parseEnv({ VERDICT_DATA_DIR: "memory://" }))).toEqual({
      kind: "pglite",
      dataDir: "memory://",
    });
  });
  it("rejects a DATABASE_URL that is not Postgres, without echoing credentials", () => {
    expect(() => databaseTarget(parseEnv({ DATABASE_URL: "mysql://root:secret@h/db" }))).toThrow(
      /must start with postgres:\/\/.*\(got "mysql:"\)/,
    );
    expect(() => databaseTarget(parseEnv({ DATABASE_URL: "mysql://root:secret@h/db" }))).not.toThrow(
      /secret/,
    );
  });
});

describe("parseEnv", () => {
  it("names the variable and the reason for a bad value", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/^PORT /);
    expect(() => parseEnv({ VERDICT_DEMO: "maybe" })).toThrow(/^VERDICT_DEMO /);
    expect(() => parseEnv({ VERDICT_BASE_URL: "javascript:alert(1)" })).toThrow(
      /^VERDICT_BASE_URL must be an http\(s\) URL/,
    );
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "0" })).toThrow(/^DATABASE_POOL_SIZE /);
  });
  it("gives the documented defaults", () => {
    const e = parseEnv({});
    expect([e.PORT, e.DATABASE_POOL_SIZE, e.VERDICT_DEMO, e.ADMIN_EMAIL, e.VERDICT_DATA_DIR]).toEqual([
      3000,
      10,
      "on",
      "admin@verdict.local",
      "./.data",
    ]);
  });
});

describe("README configuration table", () => {
  it("is the table rendered from ENV_DOCS, and ENV_DOCS covers every variable the schema reads", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    expect(readme).toContain(configurationTable());
    const documented = ENV_DOCS.map((d) => d.name).sort();
    const read = ENV_KEYS.filter((k) => k !== "NODE_ENV").sort();
    expect(documented).toEqual(read);
  });
});
