import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { comparisons, judgments, models, prompts, responses, studies, users } from "@/db/schema";
import { seededRandom } from "@/features/results/stats/random";
import { createTestDb } from "@/test-utils/db";
import { ImportError } from "./errors";
import { importItemsFile, importJudgmentsFile } from "./run";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-fuzz-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const random = seededRandom(4242);
const int = (n: number) => Math.floor(random() * n);

const item = (i: number) => ({
  prompt_id: `p${i}`,
  prompt: `Prompt ${i}`,
  category: "c",
  responses: { ref: `r${i}`, base: `b${i}` },
});
const verdict = (i: number) => ({
  prompt_id: `p${i % 5}`,
  model_a: "ref",
  model_b: "base",
  winner: "tie",
  annotator: `a${i}`,
  kind: "human",
});
const jsonl = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n");

type Case = { name: string; kind: "items" | "judgments"; ext: "jsonl" | "csv"; content: Buffer | string };

// Each mutation is built to be invalid whatever the random choices: the test asserts a specific error for all.
const mutations: ((n: number) => Case)[] = [
  (n) => {
    const lines = jsonl(Array.from({ length: 6 }, (_, i) => item(i))).split("\n");
    const k = int(lines.length);
    lines[k] = lines[k].slice(0, 1 + int(lines[k].length - 1));
    return { name: `truncated-${n}`, kind: "items", ext: "jsonl", content: lines.join("\n") };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 5 }, (_, i) => item(i));
    const bad = [{}, [], true, 12.5, null, { a: 1 }];
    const field = ["prompt_id", "prompt", "responses", "category"][int(4)];
    rows[int(5)][field] = field === "category" ? 7 : bad[int(bad.length)];
    if (field === "prompt_id" && typeof rows[0].prompt_id === "number") rows[0].prompt_id = 1.5;
    return { name: `wrong-type-${n}`, kind: "items", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 5 }, (_, i) => item(i));
    (rows[int(5)].responses as Record<string, unknown>).base = [1, 2, 3][int(3)];
    return { name: `response-number-${n}`, kind: "items", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const text = Buffer.from(jsonl(Array.from({ length: 5 }, (_, i) => item(i))));
    const at = 1 + int(text.length - 2);
    const garbage = [
      Buffer.from([0xff]),
      Buffer.from([0xc3]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xed, 0xa0, 0x80]),
    ][int(4)];
    return {
      name: `invalid-utf8-${n}`,
      kind: "items",
      ext: "jsonl",
      content: Buffer.concat([text.subarray(0, at), garbage, text.subarray(at)]),
    };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 3 }, (_, i) => item(i));
    (rows[int(3)].responses as Record<string, string>).ref = "x".repeat(4 * 1024 * 1024 + 1 + int(1000));
    return { name: `huge-${n}`, kind: "items", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const lines = jsonl(Array.from({ length: 5 }, (_, i) => item(i))).split("\n");
    // A BOM at the start of a line is skipped like the file's own; inside the JSON structure it is an error.
    const k = 1 + int(4);
    lines[k] = lines[k].replace("{", "{\uFEFF");
    return { name: `bom-inside-${n}`, kind: "items", ext: "jsonl", content: lines.join("\n") };
  },
  (n) => {
    const rows = Array.from({ length: 5 }, (_, i) => item(i));
    rows.splice(int(6), 0, item(int(5)));
    return { name: `duplicate-${n}`, kind: "items", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const rows = ["prompt_id,prompt,model,response", "p1,x,ref,a", "p1,x,base,b", "p2,y,ref,c"];
    const broken = [
      `p2,"unclosed,base,d`,
      `p2,y"z,base,d`,
      `p2,y,base,d,extra,fields,here`,
      `p2,"a"b,base,d`,
    ][int(4)];
    rows.splice(1 + int(3), 0, broken);
    return { name: `csv-quoting-${n}`, kind: "items", ext: "csv", content: rows.join("\n") };
  },
  (n) => ({
    name: `empty-${n}`,
    kind: int(2) ? "items" : "judgments",
    ext: "jsonl",
    content: ["", "\n\n", "   \n", "\uFEFF"][int(4)],
  }),
  (n) => {
    const lines = jsonl(Array.from({ length: 4 }, (_, i) => item(i))).split("\n");
    lines[int(4)] = ["[1,2]", '"a string"', "42", "null", "{", "}", "true"][int(7)];
    return { name: `not-object-${n}`, kind: "items", ext: "jsonl", content: lines.join("\n") };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 4 }, (_, i) => item(i));
    delete rows[int(4)][["prompt_id", "responses", "prompt"][int(3)]];
    return { name: `missing-field-${n}`, kind: "items", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 6 }, (_, i) => verdict(i));
    const r = rows[int(6)];
    const edit = int(5);
    if (edit === 0) r.winner = ["A", "left", "", "model_c"][int(4)];
    else if (edit === 1) r.kind = ["robot", "", "HUMAN"][int(3)];
    else if (edit === 2) r.created_at = ["yesterday", "2024-13-45", "not a date"][int(3)];
    else if (edit === 3) r.model_b = r.model_a;
    else r.annotator = "";
    return { name: `judgment-field-${n}`, kind: "judgments", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const rows: Record<string, unknown>[] = Array.from({ length: 6 }, (_, i) => verdict(i));
    const r = rows[int(6)];
    if (int(2)) r.model_b = `unknown-model-${n}`;
    else r.prompt_id = `unknown-prompt-${n}`;
    return { name: `unknown-${n}`, kind: "judgments", ext: "jsonl", content: jsonl(rows) };
  },
  (n) => {
    const header = [
      "prompt_id,model_a,model_b,winner,annotator",
      "prompt_id,model_a,winner,annotator,kind",
      "a;b;c",
    ][int(3)];
    return {
      name: `csv-header-${n}`,
      kind: "judgments",
      ext: "csv",
      content: `${header}\np0,ref,base,tie,x`,
    };
  },
  (n) => {
    const bytes = Buffer.from(Array.from({ length: 50 + int(500) }, () => int(256)));
    bytes[0] = 0xff; // never valid UTF-8, so never accidentally a valid file
    return { name: `binary-${n}`, kind: "items", ext: "jsonl", content: bytes };
  },
];

describe("import fuzzing", () => {
  let db: Db;
  let drop: () => Promise<void>;
  const snapshot = async () => {
    const out: number[] = [];
    for (const t of [models, studies, prompts, responses, comparisons, judgments, users])
      out.push((await db.select({ n: count() }).from(t))[0].n);
    return out;
  };
  beforeAll(async () => {
    ({ db, drop } = await createTestDb());
    const base = path.join(dir, "base.jsonl");
    fs.writeFileSync(base, jsonl(Array.from({ length: 5 }, (_, i) => item(i))));
    await importItemsFile(db, { file: base, slug: "fuzz", reference: "ref" });
  });
  afterAll(() => drop());

  it("rejects 1,050 malformed files, each with a specific file:line: field: reason, with no crash and no row written", async () => {
    const before = await snapshot();
    const kinds = new Map<string, number>();
    let n = 0;
    for (let round = 0; round < 70; round++) {
      for (const mutate of mutations) {
        const c = mutate(n++);
        const file = path.join(dir, `${c.name}.${c.ext}`);
        fs.writeFileSync(file, c.content);
        const run =
          c.kind === "items"
            ? importItemsFile(db, {
                file,
                displayName: c.name,
                slug: int(2) ? "fuzz" : `new-${n}`,
                reference: "ref",
              })
            : importJudgmentsFile(db, { file, displayName: c.name, slug: "fuzz" });
        const err = await run.then(
          () => new Error(`${c.name} was accepted:\n${String(c.content).slice(0, 300)}`),
          (e: unknown) => e,
        );
        if (!(err instanceof ImportError)) throw err;
        for (const issue of err.issues)
          expect(String(issue)).toMatch(new RegExp(`^${c.name}:\\d+: \\S+: \\S`));
        kinds.set(c.name.replace(/-\d+$/, ""), (kinds.get(c.name.replace(/-\d+$/, "")) ?? 0) + 1);
        fs.rmSync(file);
      }
    }
    expect(n).toBe(1050);
    expect(kinds.size).toBe(mutations.length);
    expect(await snapshot()).toEqual(before);
  });
});
