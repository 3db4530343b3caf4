import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { count, eq, max, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { comparisons, judgments, models, prompts, responses, studies, users } from "@/db/schema";
import { DEMO_STUDY } from "@/features/setup/demo-studies";
import { ImportError } from "@/features/imports/errors";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { testTargets, useTestDb } from "@/test-utils/db";
import { readTulu, writeTuluFiles } from "@/test-utils/tulu";
import { getStudyDetail } from "@/features/studies/queries";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-int-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const demoFile = path.resolve("data/demo", DEMO_STUDY.fileName);

async function snapshot(db: Db) {
  const tables = { models, studies, prompts, responses, comparisons, judgments, users };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables))
    out[name] = (await db.select({ n: count() }).from(table))[0].n;
  const [{ last }] = await db.select({ last: max(judgments.updatedAt) }).from(judgments);
  return { ...out, lastJudgmentUpdate: last?.toISOString() ?? null };
}

describe.each(testTargets())("imports on %s", (target) => {
  const db = useTestDb(target);

  it("imports the demo study and reads it back: 300 prompts x 5 baselines", async () => {
    const summary = await importItemsFile(db, {
      file: demoFile,
      slug: "demo",
      title: "Demo",
      reference: DEMO_STUDY.reference,
      baselines: [...DEMO_STUDY.baselines],
    });
    expect(summary).toMatchObject({
      studyCreated: true,
      prompts: { total: 300, written: 300 },
      comparisons: { total: 1500, created: 1500 },
    });
    const detail = await getStudyDetail(db, "demo");
    expect(detail).toMatchObject({
      prompts: 300,
      baselines: 5,
      comparisons: 1500,
      reference: DEMO_STUDY.reference,
    });
    expect(detail!.perBaseline.map((b) => [b.model, b.comparisons])).toEqual(
      [...DEMO_STUDY.baselines].sort().map((m) => [m, 300]),
    );
    const [p] = await db.select().from(prompts).where(eq(prompts.externalId, "lima-0"));
    expect(p.text).toMatch(/^I'm writing a NeurIPS paper/);
  });

  it("re-importing the same items file changes nothing", async () => {
    const before = await snapshot(db);
    const summary = await importItemsFile(db, {
      file: demoFile,
      slug: "demo",
      reference: DEMO_STUDY.reference,
      baselines: [...DEMO_STUDY.baselines],
    });
    expect(summary).toMatchObject({
      studyCreated: false,
      prompts: { written: 0 },
      responses: { written: 0 },
      comparisons: { created: 0 },
    });
    expect(await snapshot(db)).toEqual(before);
  });

  it("a bad line in the middle of an items file writes nothing", async () => {
    const before = await snapshot(db);
    const lines = fs.readFileSync(demoFile, "utf8").trim().split("\n").slice(0, 40);
    lines[20] = lines[20].replace('"prompt_id":"lima-20"', '"prompt_id":["lima-20"]');
    const file = path.join(tmp, "bad-middle.jsonl");
    fs.writeFileSync(file, lines.join("\n"));
    await expect(
      importItemsFile(db, {
        file,
        displayName: "bad-middle.jsonl",
        slug: "other",
        reference: DEMO_STUDY.reference,
      }),
    ).rejects.toThrow(/^bad-middle\.jsonl:21: prompt_id: /);
    expect(await snapshot(db)).toEqual(before);
  });

  it("a failure inside the write transaction rolls everything back", async () => {
    const before = await snapshot(db);
    const file = path.join(tmp, "new-model.jsonl");
    fs.writeFileSync(
      file,
      JSON.stringify({
        prompt_id: "x",
        prompt: "p",
        responses: { "brand-new-model": "a", "gpt-4-0613": "b" },
      }),
    );
    // The study exists with another reference: detected after the new model row was inserted.
    await expect(importItemsFile(db, { file, slug: "demo", reference: "brand-new-model" })).rejects.toThrow(
      /--reference: study "demo" already has reference "tulu-2-dpo-70b"/,
    );
    expect(await snapshot(db)).toEqual(before);
    expect(await db.select().from(models).where(eq(models.name, "brand-new-model"))).toEqual([]);
  });

  it("imports the Tülu 1 human evaluation; the latest verdict per annotator and comparison counts", async () => {
    const rows = readTulu();
    const files = writeTuluFiles(tmp, rows);
    await importItemsFile(db, { file: files.items, slug: "tulu1", reference: "tulu_65B" });
    const summary = await importJudgmentsFile(db, { file: files.judgments, slug: "tulu1" });
    // Independent count: one live verdict per (evaluator, prompt, unordered model pair).
    const keys = new Set(
      rows.map((r) => [r.evaluator, r.instance_id, [r.model_a, r.model_b].sort().join("|")].join("\u0000")),
    );
    expect(summary.records).toBe(1150);
    expect(summary.live).toBe(keys.size);
    expect(summary.written).toBe(keys.size);
    expect(summary.newAnnotators).toBe(new Set(rows.map((r) => r.evaluator)).size);
    const [study] = await db.select().from(studies).where(eq(studies.slug, "tulu1"));
    const stored = await db
      .select({ verdict: judgments.verdict, n: count() })
      .from(judgments)
      .innerJoin(comparisons, eq(comparisons.id, judgments.comparisonId))
      .where(eq(comparisons.studyId, study.id))
      .groupBy(judgments.verdict);
    const total = stored.reduce((a, r) => a + r.n, 0);
    expect(total).toBe(keys.size);
    // Tie count from the raw file, latest per key (ties do not depend on which side tulu_65B was shown).
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) {
      const k = [r.evaluator, r.instance_id, [r.model_a, r.model_b].sort().join("|")].join("\u0000");
      const prev = latest.get(k);
      if (!prev || r.timestamp >= prev.timestamp) latest.set(k, r);
    }
    const ties = [...latest.values()].filter((r) => r.preference === "tie").length;
    const referenceWins = [...latest.values()].filter(
      (r) =>
        (r.preference.startsWith("a-") && r.model_a === "tulu_65B") ||
        (r.preference.startsWith("b-") && r.model_b === "tulu_65B"),
    ).length;
    expect(stored.find((s) => s.verdict === "tie")?.n).toBe(ties);
    expect(stored.find((s) => s.verdict === "reference")?.n).toBe(referenceWins);
  });

  it("re-importing the same judgments file changes nothing", async () => {
    const files = writeTuluFiles(tmp, readTulu());
    const before = await snapshot(db);
    const summary = await importJudgmentsFile(db, { file: files.judgments, slug: "tulu1" });
    expect(summary.written).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it("a judgments file with an unknown prompt or model writes nothing and names the line", async () => {
    const before = await snapshot(db);
    const file = path.join(tmp, "bad-judgments.jsonl");
    const good = {
      prompt_id: "user_oriented_task_2",
      model_a: "tulu_65B",
      model_b: "chatgpt",
      winner: "model_b",
      annotator: "new-person",
      kind: "human",
    };
    fs.writeFileSync(
      file,
      [
        good,
        { ...good, prompt_id: "nope" },
        { ...good, model_b: "gpt-5" },
        { ...good, model_a: "chatgpt", model_b: "tulu_7B" },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const err = await importJudgmentsFile(db, { file, displayName: "bad.jsonl", slug: "tulu1" }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).issues.map(String)).toEqual([
      'bad.jsonl:2: prompt_id: no comparison for prompt "nope" in study "tulu1"',
      'bad.jsonl:3: model_b: "gpt-5" is not a baseline of prompt "user_oriented_task_2" in this study',
      'bad.jsonl:4: model_a: neither model is the study\'s reference "tulu_65B"',
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it("a newer verdict replaces an older one; an older one never replaces a newer one", async () => {
    const file = path.join(tmp, "revote.jsonl");
    const base = {
      prompt_id: "user_oriented_task_2",
      model_a: "tulu_65B",
      model_b: "chatgpt",
      annotator: "gpt-4",
      kind: "judge",
    };
    const write = (winner: string, at: string) =>
      fs.writeFileSync(file, JSON.stringify({ ...base, winner, created_at: at }));
    const verdictOf = async () =>
      (
        await db
          .select({ v: judgments.verdict })
          .from(judgments)
          .where(sql`${judgments.judgeName} = 'gpt-4'`)
      ).map((r) => r.v);
    write("model_a", "2024-01-02T00:00:00Z");
    await importJudgmentsFile(db, { file, slug: "tulu1" });
    expect(await verdictOf()).toEqual(["reference"]);
    write("model_b", "2024-01-01T00:00:00Z");
    expect((await importJudgmentsFile(db, { file, slug: "tulu1" })).written).toBe(0);
    expect(await verdictOf()).toEqual(["reference"]);
    write("tie", "2024-01-03T00:00:00Z");
    expect((await importJudgmentsFile(db, { file, slug: "tulu1" })).written).toBe(1);
    expect(await verdictOf()).toEqual(["tie"]);
  });
});
