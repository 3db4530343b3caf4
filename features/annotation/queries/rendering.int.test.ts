import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { prompts, responses, studies } from "@/db/schema";
import { importItemsFile } from "@/features/imports";
import { MARKDOWN_RENDERER_VERSION } from "@/platform/markdown";
import { testTargets, useTestDb } from "@/test-utils/db";
import { makeAnnotators, rulesOf } from "@/test-utils/fixtures";
import { nextAssignment } from "./serving";
import { renderStoredTexts } from "./rendering";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-render-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, lines: unknown[]) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n"));
  return file;
};
const rows = (answer: string) => [
  { prompt_id: "q1", prompt: "What is *1+1*?", responses: { ref: answer, base: "It is `2`." } },
];

describe.each(testTargets())("stored renderings on %s", (target) => {
  const db = useTestDb(target);

  it("renders at import, serves what is stored, and renders again when the text or the renderer changes", async () => {
    const s = await importItemsFile(db, {
      file: write("a.jsonl", rows("**Two**")),
      slug: "r",
      reference: "ref",
    });
    expect(s.rendered).toMatchObject({ prompts: 1, responses: 2 });
    const stored = await db.select().from(responses).orderBy(responses.id);
    expect(stored.map((r) => [r.html, r.renderVersion])).toEqual([
      ["<p><strong>Two</strong></p>", MARKDOWN_RENDERER_VERSION],
      ["<p>It is <code>2</code>.</p>", MARKDOWN_RENDERER_VERSION],
    ]);
    const [p] = await db.select().from(prompts);
    expect(p.html).toBe("<p>What is <em>1+1</em>?</p>");

    // Serving reads the stored HTML and renders nothing: a marker written in its place is what is served.
    await db.update(responses).set({ html: "<p>stored</p>" });
    await db.update(prompts).set({ html: "<p>stored prompt</p>" });
    const [study] = await db.select().from(studies).where(eq(studies.slug, "r"));
    const [a] = await makeAnnotators(db, study.id, 1, "r");
    const next = await nextAssignment(db, { rules: rulesOf(study), userId: a.id, secret: "s" });
    if (next.kind !== "item") throw new Error("an item");
    expect([next.content.left, next.content.right, next.content.prompt.html]).toEqual([
      "<p>stored</p>",
      "<p>stored</p>",
      "<p>stored prompt</p>",
    ]);

    // A changed text drops its rendering (served on the fly until rendered again); the unchanged one keeps it.
    await importItemsFile(db, { file: write("b.jsonl", rows("*Two*")), slug: "r", reference: "ref" });
    const again = await db.select().from(responses).orderBy(responses.id);
    expect(again.map((r) => r.html)).toEqual(["<p><em>Two</em></p>", "<p>stored</p>"]);

    // An older renderer's output is redone: everything stale, and only that, is rendered again.
    await db.execute(
      sql`update responses set render_version = ${MARKDOWN_RENDERER_VERSION - 1} where id = ${again[1].id}`,
    );
    expect(await renderStoredTexts(db)).toMatchObject({ prompts: 0, responses: 1 });
    const [, base] = await db.select().from(responses).orderBy(responses.id);
    expect(base.html).toBe("<p>It is <code>2</code>.</p>");
  });

  it("serves texts not rendered yet (just uploaded, or by an older renderer) by rendering them on the fly", async () => {
    await importItemsFile(db, { file: write("c.jsonl", rows("plain")), slug: "late", reference: "ref" });
    await db.execute(sql`update responses set html = null, render_version = null`);
    await db.execute(sql`update prompts set html = null, render_version = ${MARKDOWN_RENDERER_VERSION - 1}`);
    const [study] = await db.select().from(studies).where(eq(studies.slug, "late"));
    const [a] = await makeAnnotators(db, study.id, 1, "late");
    const next = await nextAssignment(db, { rules: rulesOf(study), userId: a.id, secret: "s" });
    if (next.kind !== "item") throw new Error("an item");
    expect(next.content.prompt.html).toBe("<p>What is <em>1+1</em>?</p>");
    expect([next.content.left, next.content.right].sort()).toEqual([
      "<p>It is <code>2</code>.</p>",
      "<p>plain</p>",
    ]);
  });
});
