import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The house's import rule, checked by linting deliberate violations written as files of the tree for a moment
// (the import plugin reads files from disk), then removed.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const existed = fs.existsSync(filePath);
  const file = existed
    ? filePath
    : path.join(path.dirname(filePath), `__lint_probe_${process.pid}_${path.basename(filePath)}`);
  if (!existed) fs.writeFileSync(file, code);
  try {
    const [result] = await eslint.lintText(code, { filePath: file });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  } finally {
    if (!existed) fs.rmSync(file, { force: true });
  }
}

describe("lint: imports go app/cli/bench -> features -> platform/schema", () => {
  it("refuses an upward import from platform into a feature", async () => {
    const found = await ruleIds(
      "platform/violation.ts",
      'import { createUser } from "@/features/users";\nexport const x = createUser;\n',
    );
    expect(found.join("\n")).toMatch(/import\/no-restricted-paths: .*platform\/ must not import features/);
  });

  it("refuses a feature importing the app or another feature's internals, and allows its index.ts", async () => {
    const intoApp = await ruleIds(
      "features/results/violation.ts",
      'import { GET } from "@/app/api/health/route";\nexport const x = GET;\n',
    );
    expect(intoApp.join("\n")).toMatch(/features must not import app/);
    const internal = await ruleIds(
      "features/crowd/violation.ts",
      'import { createUser } from "@/features/users/queries";\nexport const x = createUser;\n',
    );
    expect(internal.join("\n")).toMatch(
      /features\/crowd may use features\/users only through features\/users\/index\.ts/,
    );
    const viaIndex = await ruleIds(
      "features/crowd/fine.ts",
      'import { createUser } from "@/features/users";\nexport const x = createUser;\n',
    );
    expect(viaIndex).toEqual([]);
  });

  it("refuses the schema importing the platform, production code importing tests, and process.env outside the env module", async () => {
    expect(
      (
        await ruleIds("db/violation.ts", 'import { getDb } from "@/platform/db";\nexport const x = getDb;\n')
      ).join("\n"),
    ).toMatch(/db\/ \(schema\) imports nothing/);
    expect(
      (
        await ruleIds(
          "app/violation.ts",
          'import { readTulu } from "@/test-utils/tulu";\nexport const x = readTulu;\n',
        )
      ).join("\n"),
    ).toMatch(/must not import test code/);
    expect(
      (await ruleIds("features/studies/violation.ts", "export const port = process.env.PORT;\n")).join("\n"),
    ).toMatch(/Read the environment through platform\/env\.ts/);
  });

  it("passes the tree's own entry points: the CLI and an app route", async () => {
    const fs = await import("node:fs");
    for (const file of ["cli/index.ts", "app/join/[token]/route.ts", "features/setup/bootstrap.ts"]) {
      expect(await ruleIds(file, fs.readFileSync(file, "utf8"))).toEqual([]);
    }
  });
});
