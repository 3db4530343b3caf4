import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { ...process.env, VERDICT_DATA_DIR: path.join(dir, "data") } as Record<
    string,
    string | undefined
  >;
  delete env.DATABASE_URL;
  const r = spawnSync("node_modules/.bin/tsx", ["cli/index.ts", ...args], {
    env: env as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("CLI on the embedded database", () => {
  it("rejects a file with one bad line in the middle: file:line: field: reason, exit 1, nothing written", () => {
    const lines = fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 9);
    lines[4] = JSON.stringify({ prompt_id: "lima-4", prompt: "x", responses: { "tulu-2-dpo-70b": 7 } });
    const file = path.join(dir, "bad.jsonl");
    fs.writeFileSync(file, lines.join("\n"));
    const bad = cli("import", "items", file, "--study", "s1", "--reference", "tulu-2-dpo-70b");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      `${path.relative(process.cwd(), file)}:5: responses.tulu-2-dpo-70b: a response text, or a list of assistant turns`,
    );
    expect(bad.err).toContain("Nothing was written.");
    // The study does not exist afterwards: importing judgments into it is refused.
    const judgments = path.join(dir, "j.jsonl");
    fs.writeFileSync(
      judgments,
      JSON.stringify({
        prompt_id: "lima-0",
        model_a: "a",
        model_b: "b",
        winner: "tie",
        annotator: "x",
        kind: "human",
      }),
    );
    expect(cli("import", "judgments", judgments, "--study", "s1").err).toContain(
      '--study: no study "s1" (import items first)',
    );
  });

  it("imports, re-imports without change, adds an enrolled user and prints a crowd link", () => {
    const file = path.join(dir, "ok.jsonl");
    fs.writeFileSync(
      file,
      fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 5).join("\n"),
    );
    const importS2 = () =>
      cli(
        "import",
        "items",
        file,
        "--study",
        "s2",
        "--reference",
        "tulu-2-dpo-70b",
        "--baselines",
        "gpt-4-0613",
      );
    const first = importS2();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/created study "s2": 5 prompts \(5 written\).*5 comparisons \(5 new\)/);
    const again = importS2();
    expect(again.out).toMatch(
      /updated study "s2": 5 prompts \(0 written\), 30 responses \(0 written\), 5 comparisons \(0 new\)/,
    );
    const user = cli("users", "add", "--email", "Ann@Example.org", "--role", "annotator", "--study", "s2");
    expect(user.out).toMatch(/created annotator ann@example\.org with password \S{20}, enrolled in "s2"/);
    const link = cli(
      "links",
      "create",
      "--study",
      "s2",
      "--completion-code",
      "C0DE",
      "--base-url",
      "https://verdict.example",
    );
    expect(link.out).toMatch(
      /^https:\/\/verdict\.example\/join\/[\w-]{24}\?PROLIFIC_PID=\{\{%PROLIFIC_PID%\}\}/,
    );
    expect(link.out).toContain("completion code: C0DE");
    expect(cli("users", "add", "--email", "nope", "--role", "annotator").code).toBe(2);
  });

  it("prints stats as the documented JSON and writes exports to a file", () => {
    const verdicts = path.join(dir, "v.jsonl");
    fs.writeFileSync(
      verdicts,
      ["lima-0", "lima-1", "lima-2"]
        .map((p, i) =>
          JSON.stringify({
            prompt_id: p,
            model_a: "gpt-4-0613",
            model_b: "tulu-2-dpo-70b",
            winner: ["model_a", "model_b", "tie"][i],
            annotator: "r1",
            kind: "human",
          }),
        )
        .join("\n"),
    );
    expect(cli("import", "judgments", verdicts, "--study", "s2").code).toBe(0);
    const stats = cli("stats", "--study", "s2", "--json");
    expect(stats.code).toBe(0);
    const json = JSON.parse(stats.out);
    expect(json).toMatchObject({
      study: "s2",
      reference: "tulu-2-dpo-70b",
      human: {
        baselines: [{ model: "gpt-4-0613", n: 3, reference_wins: 1, ties: 1, baseline_wins: 1 }],
        agreement: { comparisons: 0 },
      },
      judge: { baselines: [] },
    });
    const out = path.join(dir, "judgments.csv");
    expect(cli("export", "judgments", "--study", "s2", "--format", "csv", "--out", out).code).toBe(0);
    expect(fs.readFileSync(out, "utf8").trim().split("\r\n")).toHaveLength(4);
    const summary = cli("export", "summary", "--study", "s2", "--format", "jsonl");
    expect(JSON.parse(summary.out.trim())).toMatchObject({
      kind: "human",
      baseline_model: "gpt-4-0613",
      n: 3,
    });
  });
});

describe("CLI commands share the web's schemas", () => {
  it("prints per-command help, and names the option at fault with the web's message (exit 2)", () => {
    const help = cli("studies", "set", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: npm run cli -- studies set \[options\]/);
    expect(help.out).toMatch(/--guidelines-file <value>\s+markdown file with the guidelines/);
    const bad = cli("studies", "set", "--study", "s2", "--overlap", "0");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("error: --overlap: at least 1");
    expect(cli("studies", "set", "--study", "s2", "--labels", "A,B").err).toContain(
      "--labels: give three labels",
    );
    expect(
      cli("users", "add", "--email", "x@example.org", "--role", "annotator", "--bogus", "1").err,
    ).toMatch(/error: Unknown option '--bogus'/);
  });

  it("sets a study's title, guidelines and labels; a user's password, enrolment and group", () => {
    const guide = path.join(dir, "guide.md");
    fs.writeFileSync(guide, "## Judge the content\n\nNot the length.");
    const set = cli(
      "studies",
      "set",
      "--study",
      "s2",
      "--title",
      "Second study",
      "--guidelines-file",
      guide,
      "--labels",
      "Left wins, Neither, Right wins",
      "--one-per-prompt",
      "off",
      "--quota",
      "none",
    );
    expect(set.code).toBe(0);
    expect(set.out).toContain('study "s2": title "Second study", overlap k 1, quota none');
    expect(set.out).toContain(
      'one per prompt off, labels "Left wins" / "Neither" / "Right wins", guidelines 37 characters',
    );
    expect(cli("studies", "set", "--study", "nope", "--title", "x").err).toContain('error: No study "nope".');

    expect(
      cli("users", "add", "--email", "bo@example.org", "--role", "annotator", "--password", "first-password")
        .code,
    ).toBe(0);
    const pw = cli("users", "set-password", "--email", "bo@example.org");
    expect(pw.out).toMatch(/^password of bo@example\.org set: \S{20}$/m);
    expect(cli("users", "set-password", "--email", "bo@example.org", "--password", "short").err).toContain(
      "--password: must be at least 10 characters",
    );
    expect(cli("users", "enrol", "--email", "bo@example.org", "--study", "s2").out).toContain(
      'enrolled bo@example.org in "s2"',
    );
    expect(cli("users", "enrol", "--email", "nobody@example.org", "--study", "s2").err).toContain(
      'error: No user "nobody@example.org".',
    );
    expect(cli("users", "set", "--email", "bo@example.org", "--group", "authors").out).toContain(
      "bo@example.org: group authors",
    );
    expect(cli("users", "set", "--email", "bo@example.org", "--group", "").out).toContain(
      "bo@example.org: group none",
    );
    // The web's checks hold in the CLI: crowd redirects are http(s) only, slugs follow the slug rule.
    const js = cli("links", "create", "--study", "s2", "--redirect-url", "javascript:alert(1)");
    expect([js.code, js.err]).toEqual([2, expect.stringContaining("--redirect-url: must be an http(s) URL")]);
    const slug = cli("import", "items", "x.jsonl", "--study", "../etc", "--reference", "m");
    expect([slug.code, slug.err]).toEqual([
      2,
      expect.stringContaining("--study: letters, digits, - and _ only"),
    ]);
    expect(cli("users", "unlock", "--email", "bo@example.org").out).toContain(
      "bo@example.org: 0 recorded failures cleared",
    );
  });

  it("creates an API token for a researcher, alone on the last line; refuses an annotator", () => {
    expect(cli("users", "add", "--email", "tok@example.org", "--role", "researcher").code).toBe(0);
    const made = cli("tokens", "create", "--email", "tok@example.org", "--name", "notebook");
    expect(made.code).toBe(0);
    const lines = made.out.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^vdt_[A-Za-z0-9_-]{43}$/);
    expect(made.out).toContain('created token "notebook" for tok@example.org');
    expect(cli("users", "add", "--email", "ann2@example.org", "--role", "annotator").code).toBe(0);
    const refused = cli("tokens", "create", "--email", "ann2@example.org");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("API tokens are for researchers and admins");
  });
});
