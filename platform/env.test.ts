import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTarget } from "./env";

describe("databaseTarget", () => {
  it("uses Postgres when DATABASE_URL is set", () => {
    expect(databaseTarget({ DATABASE_URL: "postgres://u@h:5432/db" })).toEqual({ kind: "postgres", url: "postgres://u@h:5432/db" });
    expect(databaseTarget({ DATABASE_URL: "postgresql://h/db" }).kind).toBe("postgres");
  });
  it("defaults to embedded PGlite in ./.data, or VERDICT_DATA_DIR", () => {
    expect(databaseTarget({})).toEqual({ kind: "pglite", dataDir: path.resolve(".data", "pglite") });
    expect(databaseTarget({ DATABASE_URL: "  ", VERDICT_DATA_DIR: "/srv/v" })).toEqual({ kind: "pglite", dataDir: "/srv/v/pglite" });
    expect(databaseTarget({ VERDICT_DATA_DIR: "memory://" })).toEqual({ kind: "pglite", dataDir: "memory://" });
  });
  it("rejects a DATABASE_URL that is not Postgres, without echoing credentials", () => {
    expect(() => databaseTarget({ DATABASE_URL: "mysql://root:secret@h/db" })).toThrow(/must start with postgres:\/\/.*\(got "mysql:"\)/);
    expect(() => databaseTarget({ DATABASE_URL: "mysql://root:secret@h/db" })).not.toThrow(/secret/);
  });
});
