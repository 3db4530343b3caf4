import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toVerdict } from "@/features/imports/queries/judgments";
import { ImportError } from "./errors";
import { parseJudgmentsFile } from "./judgments";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-judgments-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const v = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    prompt_id: "p1",
    model_a: "ref",
    model_b: "base",
    winner: "model_a",
    annotator: "ann1",
    kind: "human",
    ...extra,
  });

describe("parseJudgmentsFile", () => {
  it("parses JSONL and CSV verdicts with dates", async () => {
    const jsonl = await parseJudgmentsFile(
      write("ok.jsonl", [v(), v({ winner: "tie", created_at: "2023-05-19T13:11:45Z" })].join("\n")),
    );
    expect(jsonl).toHaveLength(2);
    expect(jsonl[1]).toMatchObject({ line: 2, winner: "tie", created_at: new Date("2023-05-19T13:11:45Z") });
    const csv = await parseJudgmentsFile(
      write(
        "ok.csv",
        'prompt_id,model_a,model_b,winner,annotator,kind,rationale,created_at\np1,base,ref,model_b,gpt-4,judge,"A, then B",\n',
      ),
    );
    expect(csv[0]).toMatchObject({
      line: 2,
      kind: "judge",
      annotator: "gpt-4",
      rationale: "A, then B",
      created_at: undefined,
    });
  });

  it("names the field of each bad record", async () => {
    const file = write(
      "bad.jsonl",
      [
        v(),
        v({ winner: "A" }),
        v({ model_b: "ref" }),
        v({ kind: "robot" }),
        v({ created_at: "yesterday" }),
        v({ annotator: "" }),
      ].join("\n"),
    );
    let issues: string[] = [];
    try {
      await parseJudgmentsFile(file, { displayName: "j" });
    } catch (e) {
      issues = (e as ImportError).issues.map(String);
    }
    expect(issues).toEqual([
      'j:2: winner: Invalid option: expected one of "model_a"|"model_b"|"tie"',
      "j:3: model_b: must differ from model_a",
      'j:4: kind: Invalid option: expected one of "human"|"judge"',
      'j:5: created_at: not a date: "yesterday" (use ISO 8601)',
      "j:6: annotator: must not be empty",
    ]);
  });
});

describe("parseJudgmentsFile (ratings)", () => {
  it("reads ratings from CSV with the same columns as JSONL, turn optional, and names a bad turn by line", async () => {
    const rows = await parseJudgmentsFile(
      write(
        "ratings.csv",
        "prompt_id,model,rating,annotator,kind,turn\np1,m,Excellent,ann1,human,\np2,m,5,gpt-4,judge,2\n",
      ),
    );
    expect(rows).toEqual([
      { line: 2, prompt_id: "p1", model: "m", rating: "Excellent", annotator: "ann1", kind: "human" },
      { line: 3, prompt_id: "p2", model: "m", rating: "5", annotator: "gpt-4", kind: "judge", turn: 2 },
    ]);
    const bad = await parseJudgmentsFile(
      write("ratings-bad.csv", "prompt_id,model,rating,annotator,kind,turn\np1,m,Pass,ann1,human,0\n"),
    ).catch((e: ImportError) => e.message);
    expect(bad).toContain("ratings-bad.csv:2: turn: turns count from 1");
    // A header with neither set of columns names both.
    const header = await parseJudgmentsFile(write("neither.csv", "prompt_id,annotator\np1,a\n")).catch(
      (e: ImportError) => e.message,
    );
    expect(header).toContain(
      "missing column(s): model_a, model_b, winner, kind; or, for ratings: model, rating, kind",
    );
  });
});

describe("toVerdict", () => {
  const human = { kind: "human" as const, shown_left: "model_a" as const };
  it("maps winners onto the reference, whichever side it was shown on", () => {
    expect(toVerdict({ ...human, model_a: "ref", winner: "model_a" }, "ref")).toEqual({
      verdict: "reference",
      referenceSide: "left",
    });
    expect(toVerdict({ ...human, model_a: "ref", winner: "model_b" }, "ref")).toEqual({
      verdict: "baseline",
      referenceSide: "left",
    });
    expect(toVerdict({ ...human, model_a: "base", winner: "model_b" }, "ref")).toEqual({
      verdict: "reference",
      referenceSide: "right",
    });
    expect(toVerdict({ ...human, model_a: "base", winner: "model_a" }, "ref")).toEqual({
      verdict: "baseline",
      referenceSide: "right",
    });
    expect(toVerdict({ ...human, model_a: "base", winner: "tie" }, "ref")).toEqual({
      verdict: "tie",
      referenceSide: "right",
    });
    expect(toVerdict({ ...human, shown_left: "model_b", model_a: "ref", winner: "model_a" }, "ref")).toEqual({
      verdict: "reference",
      referenceSide: "right",
    });
  });
  it("leaves a human verdict's side unknown without shown_left; a judge's first answer is model_a", () => {
    expect(toVerdict({ kind: "human", model_a: "ref", winner: "model_a" }, "ref")).toEqual({
      verdict: "reference",
      referenceSide: null,
    });
    expect(toVerdict({ kind: "judge", model_a: "base", winner: "model_a" }, "ref")).toEqual({
      verdict: "baseline",
      referenceSide: "right",
    });
  });
});
