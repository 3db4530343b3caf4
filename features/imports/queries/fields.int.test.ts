import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/platform/db/client";
import { importItemsFile } from "@/features/imports/run";
import { findLeaks, leakMatcher } from "@/features/annotation";
import { testTargets, useTestDb } from "@/test-utils/db";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-fields-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, rows: object[]) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n"));
  return file;
};

// Texts that an array literal or a JSON document could mangle: quotes, backslashes, braces, commas, the word NULL,
// tabs, newlines, non-Latin text.
const AWKWARD = [
  'He said "hi", then {a,b}',
  "back\\slash \\n and \\\\",
  "NULL",
  "tab\there",
  "line\nbreak",
  "日本語 ✓",
];

type Stored = { prompts: Record<string, unknown>[]; responses: Record<string, unknown>[] };
async function storedOf(db: Db, slug: string): Promise<Stored> {
  const prompts = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select p.external_id, p.text, p.messages, p.category, p.source from prompts p
      join studies s on s.id = p.study_id where s.slug = ${slug} order by p.external_id`),
  );
  const responses = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select p.external_id, m.name as model, r.text, r.turns, r.leak_words from responses r
      join prompts p on p.id = r.prompt_id join studies s on s.id = p.study_id join models m on m.id = r.model_id
      where s.slug = ${slug} order by p.external_id, m.name`),
  );
  return { prompts, responses };
}

describe.each(testTargets())("an items import stores every field exactly on %s", (target) => {
  const db = useTestDb(target);

  it("prompts and responses with awkward texts, into a new study and again with changes into the same study", async () => {
    const models = ["model-x", "other"];
    const matcher = leakMatcher(models);
    const rows = (suffix: string) =>
      AWKWARD.map((t, i) => ({
        prompt_id: `p${i}`,
        prompt: `${t}${suffix}`,
        category: i % 2 ? `cat ${t}` : undefined,
        source: i % 3 ? undefined : `src ${t}`,
        responses: { "model-x": `As model-x: ${t}${suffix}`, other: `${t}${suffix}` },
      }));
    const expected = (suffix: string): Stored => ({
      prompts: rows(suffix).map((r) => ({
        external_id: r.prompt_id,
        text: r.prompt,
        messages: null,
        category: r.category ?? null,
        source: r.source ?? null,
      })),
      responses: rows(suffix).flatMap((r) =>
        models.map((model) => {
          const text = r.responses[model as keyof typeof r.responses];
          const words = findLeaks(text, matcher);
          return {
            external_id: r.prompt_id,
            model,
            text,
            turns: null,
            leak_words: words.length ? words : null,
          };
        }),
      ),
    });
    await importItemsFile(db, { file: write("a.jsonl", rows("")), slug: "awkward", reference: "model-x" });
    const first = await storedOf(db, "awkward");
    expect(first).toEqual(expected(""));
    expect(first.responses.some((r) => r.leak_words !== null)).toBe(true);
    // Changed texts go through the update path (the study has prompts now).
    await importItemsFile(db, {
      file: write("b.jsonl", rows(' "2"')),
      slug: "awkward",
      reference: "model-x",
    });
    expect(await storedOf(db, "awkward")).toEqual(expected(' "2"'));
  });

  it("a conversation's messages and a response's turns, in a rating study", async () => {
    const messages = [
      { role: "user", content: AWKWARD[0] },
      { role: "assistant", content: AWKWARD[1] },
      { role: "user", content: AWKWARD[2] },
    ];
    const turns = [AWKWARD[3], AWKWARD[4]];
    const file = write("c.jsonl", [
      { prompt_id: "chat", messages, responses: { bot: turns, other: "plain" } },
    ]);
    await importItemsFile(db, { file, slug: "turns", design: "rating", scale: ["bad", "good"] });
    const stored = await storedOf(db, "turns");
    expect(stored.prompts).toEqual([
      { external_id: "chat", text: null, messages, category: null, source: null },
    ]);
    expect(stored.responses).toEqual([
      { external_id: "chat", model: "bot", text: turns.join("\n\n"), turns, leak_words: null },
      { external_id: "chat", model: "other", text: "plain", turns: null, leak_words: null },
    ]);
  });
});
