import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { pgErrorOf, rowsOf, type Db } from "@/platform/db/client";
import { importItemsFile } from "@/features/imports/run";
import { testTargets, useTestDb } from "@/test-utils/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-keys-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An items file of prompts `from`..`to` - 1, each answered by ref, b1 and b2. */
function itemsFile(name: string, from: number, to: number): string {
  const file = path.join(tmp, name);
  const lines = [];
  for (let i = from; i < to; i++)
    lines.push(
      JSON.stringify({
        prompt_id: `p${i}`,
        prompt: `Prompt ${i}?`,
        responses: { ref: `ref answers ${i}`, b1: `b1 answers ${i}`, b2: `b2 answers ${i}` },
      }),
    );
  fs.writeFileSync(file, lines.join("\n"));
  return file;
}

const one = async <T>(db: Db, query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query))[0];

describe.each(testTargets())("comparison keys on %s", (target) => {
  const db = useTestDb(target);

  it("refuse a comparison whose study is not its prompt's, or whose model is not its baseline's", async () => {
    await importItemsFile(db, { file: itemsFile("a.jsonl", 0, 2), slug: "a", reference: "ref" });
    await importItemsFile(db, { file: itemsFile("b.jsonl", 0, 2), slug: "b", reference: "ref" });
    const c = await one<{
      id: number;
      study_id: number;
      baseline_model_id: number;
      other_study: number;
      other_model: number;
    }>(
      db,
      sql`select c.id, c.study_id, c.baseline_model_id,
        (select id from studies where slug = 'b') as other_study,
        (select id from models where name = 'ref') as other_model
      from comparisons c join studies s on s.id = c.study_id where s.slug = 'a' order by c.id limit 1`,
    );
    const update = (set: ReturnType<typeof sql>) =>
      db.execute(sql`update comparisons set ${set} where id = ${c.id}`).then(
        () => null,
        (err: unknown) => pgErrorOf(err)?.code,
      );
    expect(await update(sql`study_id = ${c.other_study}`)).toBe("23503");
    expect(await update(sql`baseline_model_id = ${c.other_model}`)).toBe("23503");
    const after = await one<{ study_id: number; baseline_model_id: number }>(
      db,
      sql`select study_id, baseline_model_id from comparisons where id = ${c.id}`,
    );
    expect(after).toEqual({ study_id: c.study_id, baseline_model_id: c.baseline_model_id });
  });

  it("two imports into one new study at once both land, the second merging into the first", async () => {
    const results = await Promise.allSettled([
      importItemsFile(db, { file: itemsFile("x.jsonl", 0, 30), slug: "both", reference: "ref" }),
      importItemsFile(db, { file: itemsFile("y.jsonl", 20, 50), slug: "both", reference: "ref" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.studyCreated : null)).sort()).toEqual([
      false,
      true,
    ]);
    const counts = await one<{ prompts: number; comparisons: number }>(
      db,
      sql`select (select count(*)::int from prompts p join studies s on s.id = p.study_id where s.slug = 'both') as prompts,
        (select count(*)::int from comparisons c join studies s on s.id = c.study_id where s.slug = 'both') as comparisons`,
    );
    expect(counts).toEqual({ prompts: 50, comparisons: 100 });
  });
});
