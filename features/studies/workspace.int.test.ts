import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { comparisons, prompts, studies, users } from "@/db/schema";
import { passAssignment } from "@/features/annotation/queries/assignments";
import { annotatorAccess } from "@/features/annotation/queries/enrollments";
import { nextAssignment, type StudyRules } from "@/features/annotation/queries/serving";
import { importItemsFile, importJudgmentsFile } from "@/features/imports/run";
import { exportStudy, statsDocument } from "@/features/results";
import { createLink, joinByLink } from "@/features/crowd";
import { createUser, listUsers } from "@/features/users";
import type { Db } from "@/platform/db/client";
import { rowsOf } from "@/platform/db/client";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, makeStudy, rulesOf } from "@/test-utils/fixtures";
import { annotatorProgress, setAnnotatorExcluded } from "./annotators";
import { flagQueue, resolveFlag, searchItems, setItemExcluded } from "./items";
import { deleteStudy, setStudyArchived } from "./lifecycle";
import { limaVerdict as verdict } from "@/test-utils/lima-verdicts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-workspace-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const demo = fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 6);

async function importedStudy(db: Db, slug: string) {
  const items = path.join(tmp, `${slug}.jsonl`);
  fs.writeFileSync(items, demo.join("\n"));
  await importItemsFile(db, { file: items, slug, reference: "tulu-2-dpo-70b", baselines: ["gpt-4-0613"] });
  const v = path.join(tmp, `${slug}-verdicts.jsonl`);
  // "careful" prefers the reference on all six prompts; "contrary" the baseline on four.
  const lines = [
    ...[0, 1, 2, 3, 4, 5].map((p) => verdict(p, "model_a", `${slug}-careful`)),
    ...[0, 1, 2, 3].map((p) => verdict(p, "model_b", `${slug}-contrary`)),
  ];
  fs.writeFileSync(v, lines.join("\n"));
  await importJudgmentsFile(db, { file: v, slug });
  const [study] = await db.select().from(studies).where(eq(studies.slug, slug));
  return study;
}

async function csvRows(stream: ReadableStream<Uint8Array>) {
  const text = await new Response(stream).text();
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

const serve = async (db: Db, rules: StudyRules, userId: string) => {
  const r = await nextAssignment(db, { rules, userId, secret: "workspace" });
  return r.kind === "item" ? r.assignment : null;
};

describe.each(testTargets())("the researcher's workspace on %s", (target) => {
  const db = useTestDb(target);

  it("excluding an annotator leaves their verdicts out of the numbers, marks them in exports, and is reversible", async () => {
    const study = await importedStudy(db, "excl");
    const before = await statsDocument(db, { slug: "excl", filters: {} });
    if (before.design !== "reference") throw new Error("reference design expected");
    expect(before.json.human.baselines[0]).toMatchObject({ n: 10 });
    const [contrary] = await db.select().from(users).where(eq(users.externalId, "excl-contrary"));

    await expect(
      setAnnotatorExcluded(db, { slug: "excl", userId: contrary.id, exclude: true }, null),
    ).rejects.toThrow(/say why/);
    await setAnnotatorExcluded(
      db,
      { slug: "excl", userId: contrary.id, exclude: true, reason: "contrarian" },
      null,
    );
    const after = await statsDocument(db, { slug: "excl", filters: {} });
    if (after.design !== "reference") throw new Error("reference design expected");
    // 6 verdicts left, all for the reference: 6 of 6.
    expect(after.json.human.baselines[0]).toMatchObject({
      n: 6,
      reference_wins: 6,
      ties: 0,
      baseline_wins: 0,
    });
    const exported = await csvRows(await exportStudy(db, "excl", { kind: "judgments", format: "jsonl" }));
    expect(exported.filter((r) => r.excluded === "annotator")).toHaveLength(4);
    expect(exported.filter((r) => r.excluded === null)).toHaveLength(6);
    const progress = await annotatorProgress(db, study.id);
    expect(progress.find((p) => p.userId === contrary.id)).toMatchObject({
      done: 4,
      excluded: { reason: "contrarian" },
    });

    await setAnnotatorExcluded(db, { slug: "excl", userId: contrary.id, exclude: false }, null);
    expect(JSON.stringify((await statsDocument(db, { slug: "excl", filters: {} })).json)).toBe(
      JSON.stringify(before.json),
    );
  });

  it("a flag is queued, resolved by holding the item out (no longer served, out of the results), and undone", async () => {
    const study = await makeStudy(db, { slug: "flags", prompts: 2, overlapK: 2, onePerPrompt: false });
    const rules = rulesOf(study);
    const [a, b] = await makeAnnotators(db, study.id, 2);
    const item = await serve(db, rules, a.id);
    if (!item) throw new Error("expected an item");
    await passAssignment(db, {
      rules,
      userId: a.id,
      token: item.id,
      flag: { reason: "broken", note: "cut off" },
    });
    const [flag] = await flagQueue(db, study.id);
    expect(flag).toMatchObject({ reason: "broken", note: "cut off", resolved: false, excluded: false });
    await resolveFlag(db, { slug: "flags", assignmentId: flag.id, excludeItem: true });
    expect((await flagQueue(db, study.id))[0]).toMatchObject({ resolved: true, excluded: true });
    // b is served only the other item, then nothing.
    const forB = await serve(db, rules, b.id);
    expect(forB?.comparisonId).not.toBe(item.comparisonId);
    const flagsCsv = await new Response(
      await exportStudy(db, "flags", { kind: "flags", format: "csv" }),
    ).text();
    expect(flagsCsv.split(/\r?\n/)[0]).toBe(
      "study,prompt_id,first_model,second_model,status,flag_reason,flag_note,annotator,served_at,resolved_at,item_excluded",
    );
    expect(flagsCsv).toContain("flagged,broken,cut off");
    await expect(
      resolveFlag(db, { slug: "other", assignmentId: flag.id, excludeItem: false }),
    ).rejects.toThrow("Not found.");

    await setItemExcluded(db, { slug: "flags", comparisonId: item.comparisonId, excluded: false });
    const [c] = await db.select().from(comparisons).where(eq(comparisons.id, item.comparisonId));
    expect(c.excludedAt).toBeNull();
    const [{ load }] = rowsOf<{ load: number }>(
      await db.execute(
        sql`select human_load as load from comparison_queue where comparison_id = ${item.comparisonId}`,
      ),
    );
    expect(load).toBe(0); // back in the queue with its true load (a flag is no verdict, no lease)
  });

  it("the item browser searches prompt text, filters by model and human verdict, and pages", async () => {
    const study = await importedStudy(db, "browse");
    const all = await searchItems(db, study.id, { page: 1 });
    expect(all.total).toBe(6);
    const [first] = (await db.select().from(prompts).where(eq(prompts.studyId, study.id))).filter(
      (p) => p.externalId === "lima-1",
    );
    const word = first.text!.split(/\s+/).find((w) => w.length > 8)!;
    const found = await searchItems(db, study.id, { q: word, page: 1 });
    expect(found.rows.map((r) => r.prompt_id)).toContain("lima-1");
    expect(
      (await searchItems(db, study.id, { model: "gpt-4-0613", verdict: "baseline", page: 1 })).total,
    ).toBe(4);
    expect((await searchItems(db, study.id, { model: "no-such-model", page: 1 })).total).toBe(0);
    expect((await searchItems(db, study.id, { q: "%_%_%", page: 1 })).total).toBe(0); // LIKE wildcards are literal
    expect((await searchItems(db, study.id, { page: 2 })).rows).toEqual([]);
  });

  it("archiving stops serving and hides the study from annotators; deleting needs the slug once verdicts exist", async () => {
    const study = await importedStudy(db, "gone");
    const [annotator] = await makeAnnotators(db, study.id, 1, "arch");
    const access = () => annotatorAccess(db, { studyId: study.id, userId: annotator.id });
    expect((await access()).kind).toBe("enrolled");
    await setStudyArchived(db, { slug: "gone", archived: true });
    expect((await access()).kind).toBe("not_enrolled");
    await setStudyArchived(db, { slug: "gone", archived: false });
    expect((await access()).kind).toBe("enrolled");

    await expect(deleteStudy(db, { slug: "gone" })).rejects.toThrow(/type its slug/);
    await expect(deleteStudy(db, { slug: "gone", confirm: "gone-ish" })).rejects.toThrow(/type its slug/);
    expect((await db.select().from(studies).where(eq(studies.slug, "gone"))).length).toBe(1);
    await deleteStudy(db, { slug: "gone", confirm: "gone" });
    expect((await db.select().from(studies).where(eq(studies.slug, "gone"))).length).toBe(0);
    expect((await db.select().from(prompts).where(eq(prompts.studyId, study.id))).length).toBe(0);
    await expect(deleteStudy(db, { slug: "gone" })).rejects.toThrow('No study "gone".');
  });

  it("lists users by kind, search and study, a page at a time", async () => {
    const study = await makeStudy(db, { slug: "people", prompts: 1 });
    await makeAnnotators(db, study.id, 3, "imp");
    await createUser(db, { email: "pw-user@verdict.test", role: "researcher", password: "long-enough-pw" });
    const link = await createLink(db, { studyId: study.id, completionCode: "C" });
    const joined = await joinByLink(
      db,
      link.token,
      new URLSearchParams({ PROLIFIC_PID: "worker-77", STUDY_ID: "s", SESSION_ID: "x" }),
      { claims: {}, client: "127.0.0.1" },
    );
    expect(joined.ok).toBe(true);
    const crowd = await listUsers(db, { kind: "crowd", study: study.id, page: 1 });
    expect(crowd.rows.map((u) => u.externalId)).toEqual(["PROLIFIC_PID:worker-77"]);
    const inStudy = await listUsers(db, { study: study.id, page: 1 });
    expect(inStudy.total).toBeGreaterThanOrEqual(3);
    const imported = await listUsers(db, { study: study.id, kind: "imported", page: 1 });
    expect(imported.rows.every((u) => !u.hasPassword && u.externalId?.startsWith("imp-"))).toBe(true);
    expect((await listUsers(db, { q: "pw-user@", page: 1 })).rows.map((u) => u.email)).toEqual([
      "pw-user@verdict.test",
    ]);
    const byPseudonym = await listUsers(db, { q: imported.rows[0].pseudonym, page: 1 });
    expect(byPseudonym.rows.map((u) => u.id)).toEqual([imported.rows[0].id]);
    expect(
      (await listUsers(db, { kind: "password", role: "researcher", page: 1 })).rows.every(
        (u) => u.hasPassword,
      ),
    ).toBe(true);
  });

  it("exports texts on request: the prompt and both responses beside each verdict", async () => {
    await importedStudy(db, "texts");
    const rows = await csvRows(
      await exportStudy(db, "texts", { kind: "judgments", format: "jsonl", texts: true }),
    );
    const lima0 = JSON.parse(demo[0]) as { prompt: string; responses: Record<string, string> };
    const row = rows.find((r) => r.prompt_id === "lima-0")!;
    expect(row.prompt).toBe(lima0.prompt);
    expect(row.reference_response).toBe(lima0.responses["tulu-2-dpo-70b"]);
    expect(row.baseline_response).toBe(lima0.responses["gpt-4-0613"]);
    const plain = await csvRows(await exportStudy(db, "texts", { kind: "judgments", format: "jsonl" }));
    expect(plain[0]).not.toHaveProperty("prompt");
  });
});
