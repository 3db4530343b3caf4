import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studies, type Side } from "@/db/schema";
import type { AnnotationState } from "@/features/annotation/schemas";
import { generateAttentionChecks } from "@/features/annotation";
import { createLink } from "@/features/crowd";
import { importGoldFile } from "@/features/imports";
import { statsDocument } from "@/features/results";
import { changeStudySettings } from "@/features/studies";
import { rowsOf, type Db } from "@/platform/db/client";
import { HttpClient, startAppWithDb, type AppServer } from "@/test-utils/app-server";
import { makeStudy } from "@/test-utils/fixtures";

// The quality rules through the labelling API of a running app: a careless crowd worker is warned, then stopped and
// shown the polite end page; a careful one never is; checks and repeats never enter the results.
let ctx: Awaited<ReturnType<typeof startAppWithDb>>;
let app: AppServer;
let db: Db;
let token: string;
let studyId: number;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "verdict-qhttp-"));

beforeAll(async () => {
  ctx = await startAppWithDb({
    name: "qhttp",
    port: 3481,
    env: {
      AUTH_SECRET: "quality-http-secret-0123456789",
      VERDICT_DEMO: "off",
      ADMIN_PASSWORD: "admin-pw-12345",
    },
  });
  app = ctx.app;
  db = ctx.db;
  const study = await makeStudy(db, { slug: "qhttp", prompts: 80, baselines: ["b1"], onePerPrompt: false });
  studyId = study.id;
  const gold = path.join(tmp, "gold.jsonl");
  fs.writeFileSync(
    gold,
    Array.from({ length: 8 }, (_, i) =>
      JSON.stringify({ prompt_id: `p${i}`, baseline: "b1", expected: "ref" }),
    ).join("\n"),
  );
  await importGoldFile(db, { file: gold, slug: "qhttp" });
  await generateAttentionChecks(db, { study: "qhttp", count: 8 });
  await changeStudySettings(db, {
    slug: "qhttp",
    checkRate: 0.5,
    repeatRate: 0.1,
    qcMinChecks: 4,
    qcMinAccuracy: 0.75,
    stoppedGetsCode: false,
  });
  ({ token } = await createLink(db, { studyId, completionCode: "QC-DONE" }));
}, 180_000);
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Labels through the HTTP API until done; `choose` sees what the test knows of the item (never the browser). */
async function work(worker: string, choose: (check: string | null, side: Side) => string) {
  const c = new HttpClient(app.url);
  // Joining signs the worker in and redirects to the labelling page.
  expect((await c.request(`/join/${token}?PROLIFIC_PID=${worker}`)).status).toBe(307);
  let state = (await (await c.request(`/api/annotate/${studyId}/state`)).json()) as AnnotationState;
  const warnings: string[] = [];
  for (let i = 0; i < 80 && state.item; i++) {
    const [a] = rowsOf<{ check: string | null; side: Side }>(
      await db.execute(sql`select c.expected_verdict::text as check, a.reference_side as side
        from assignments a join comparisons c on c.id = a.comparison_id where a.id = ${state.item.token}`),
    );
    const res = await c.json(`/api/annotate/${studyId}/judgments`, {
      token: state.item.token,
      choice: choose(a.check, a.side),
      requestId: randomUUID(),
      durationMs: 8000,
    });
    expect(res.status).toBe(200);
    state = ((await res.json()) as { state: AnnotationState }).state;
    if (state.warning) warnings.push(state.warning);
  }
  return { state, warnings };
}

describe("quality rules over the labelling API", () => {
  it("warns and stops a careless worker (no code, as the study says); a careful one is never warned", async () => {
    const careless = await work("careless-1", () => "tie");
    expect(careless.warnings.length).toBeGreaterThan(0);
    expect(careless.state.done).toEqual({ reason: "stopped", completion: null });
    // The careful worker prefers the first column's response wherever it is shown: every check right (they expect
    // it), every swapped repeat answered the same way.
    const careful = await work("careful-1", (_check, side) => (side === "left" ? "A" : "B"));
    expect(careful.warnings).toEqual([]);
    expect(careful.state.done?.reason).not.toBe("stopped");

    const [study] = await db.select().from(studies).where(eq(studies.id, studyId));
    const doc = await statsDocument(db, { slug: study.slug, filters: {} });
    if (doc.design !== "reference") throw new Error("reference design expected");
    const [{ real }] = rowsOf<{ real: number }>(
      await db.execute(sql`select count(*)::int as real from judgments j join comparisons c on c.id = j.comparison_id
        where c.study_id = ${studyId} and c.check_kind is null`),
    );
    expect(doc.json.human.baselines.reduce((n, b) => n + b.n, 0)).toBe(real);
    const statuses = doc.json.annotators.map((a) => a.status).sort();
    expect(statuses).toEqual(["active", "stopped"]);
  });
});
