import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/platform/db/client";
import { importItemsFile } from "@/features/imports/run";
import { testTargets, useTestDb } from "@/test-utils/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-comparisons-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Prompts p0..p3 answered by ref, b1 and b2, except that p2 has no b1 and p3 no ref.
const ANSWERS: Record<string, string[]> = {
  p0: ["ref", "b1", "b2"],
  p1: ["ref", "b1", "b2"],
  p2: ["ref", "b2"],
  p3: ["b1", "b2"],
};
function itemsFile(name: string, prompts: string[]): string {
  const file = path.join(tmp, name);
  const line = (p: string) =>
    JSON.stringify({
      prompt_id: p,
      prompt: `Prompt ${p}?`,
      responses: Object.fromEntries(ANSWERS[p].map((m) => [m, `${m} answers ${p}`])),
    });
  fs.writeFileSync(file, prompts.map(line).join("\n"));
  return file;
}

/** The study's comparisons in id order, as "prompt: reference-column model / baseline model". */
async function comparisonsOf(db: Db, slug: string): Promise<string[]> {
  const rows = rowsOf<{ p: string; a: string; b: string }>(
    await db.execute(sql`select p.external_id as p, ma.name as a, mb.name as b
      from comparisons c join studies s on s.id = c.study_id join prompts p on p.id = c.prompt_id
        join responses ra on ra.id = c.reference_response_id join models ma on ma.id = ra.model_id
        join models mb on mb.id = c.baseline_model_id
      where s.slug = ${slug} and c.check_kind is null order by c.id`),
  );
  return rows.map((r) => `${r.p}: ${r.a}/${r.b}`);
}

const DESIGNS = [
  {
    name: "reference",
    options: { reference: "ref" },
    expected: ["p0: ref/b1", "p0: ref/b2", "p1: ref/b1", "p1: ref/b2", "p2: ref/b2"],
  },
  {
    name: "all-pairs",
    options: { design: "all_pairs" as const },
    expected: [
      ...["p0", "p1"].flatMap((p) => [`${p}: b1/b2`, `${p}: b1/ref`, `${p}: b2/ref`]),
      "p2: b2/ref",
      "p3: b1/b2",
    ],
  },
  {
    name: "rating",
    options: { design: "rating" as const, scale: ["bad", "good"] },
    expected: Object.entries(ANSWERS).flatMap(([p, models]) =>
      [...models].sort().map((m) => `${p}: ${m}/${m}`),
    ),
  },
];

describe.each(testTargets())("an import's comparisons on %s", (target) => {
  const db = useTestDb(target);

  it.each(DESIGNS)(
    "$name: into a new study, built from the new responses' ids, the same and in the same order as the database builds them into a study with prompts",
    async ({ name, options, expected }) => {
      const all = itemsFile(`${name}-all.jsonl`, ["p0", "p1", "p2", "p3"]);
      await importItemsFile(db, { file: all, slug: `${name}-new`, ...options });
      expect(await comparisonsOf(db, `${name}-new`)).toEqual(expected);

      // A study that already has p0: the second import adds p1..p3 through the database's join.
      await importItemsFile(db, {
        file: itemsFile(`${name}-first.jsonl`, ["p0"]),
        slug: `${name}-grown`,
        ...options,
      });
      const summary = await importItemsFile(db, { file: all, slug: `${name}-grown`, ...options });
      expect(summary.comparisons.created).toBe(
        expected.length - expected.filter((c) => c.startsWith("p0")).length,
      );
      expect(await comparisonsOf(db, `${name}-grown`)).toEqual(expected);
    },
  );
});
