import fs from "node:fs";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Containers cannot run on this project's machines, so the deployment files are linted and checked here.
describe("Dockerfile", () => {
  const text = fs.readFileSync("Dockerfile", "utf8");
  it("passes the Dockerfile linter with no problem", () => {
    expect(validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });
  it("is multi-stage, runs the standalone server as a non-root user and ships migrations and the demo", () => {
    expect(text.match(/^FROM /gm)).toHaveLength(3);
    expect(text).toMatch(/ENV [^\n]*NEXT_OUTPUT=standalone/);
    expect(text).toMatch(/^USER verdict$/m);
    expect(text).toContain("/app/db/migrations ./db/migrations");
    expect(text).toContain("/app/data/demo ./data/demo");
    expect(text).toContain("/app/data/validation ./data/validation");
    expect(text).toMatch(/HEALTHCHECK[\s\S]*\/api\/health/);
    expect(text).not.toMatch(/AUTH_SECRET=|PASSWORD=/);
  });
});

describe("compose.yaml", () => {
  const compose = parse(fs.readFileSync("compose.yaml", "utf8"));
  it("runs the app against Postgres with secrets only from the environment", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "db"]);
    const app = compose.services.app;
    expect(app.build).toBe(".");
    expect(app.environment.DATABASE_URL).toBe("postgres://verdict:${POSTGRES_PASSWORD}@db:5432/verdict");
    expect(app.environment.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(compose.services.db.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(app.depends_on.db.condition).toBe("service_healthy");
    expect(compose.services.db.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(compose.volumes).toHaveProperty("pgdata");
  });
});
