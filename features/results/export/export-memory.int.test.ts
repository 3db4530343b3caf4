import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { JUDGMENT_COLUMNS, judgmentExportBatches } from "@/features/results/export/query";
import { createTestDb } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";
import { encodeRows } from "./stream";

const gc = (globalThis as { gc?: () => void }).gc;

// 100,000 judgments with 400-character rationales (~60 MB of CSV): retained memory must stay flat while streaming.
describe("export of 100k judgments", () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb());
    const study = await makeStudy(db, { slug: "big", prompts: 1000 });
    await db.execute(
      sql`insert into users (external_id, role) select 'bulk-' || g, 'annotator' from generate_series(1, 100) g`,
    );
    await db.execute(sql`insert into judgments (comparison_id, user_id, kind, verdict, reference_side, rationale, duration_ms)
      select c.id, u.id, 'human', (array['reference','tie','baseline'])[1 + (c.id + abs(hashtext(u.id::text))) % 3]::verdict,
        (array['left','right'])[1 + c.id % 2]::side, repeat('why ', 100), 1000
      from comparisons c cross join users u where c.study_id = ${study.id} and u.external_id like 'bulk-%'`);
  });
  afterAll(() => drop());

  it("streams every row while the retained heap stays within a few batches", async () => {
    expect(gc, "run with --expose-gc").toBeTypeOf("function");
    gc!();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let bytes = 0;
    let lines = 0;
    let chunks = 0;
    const reader = encodeRows(
      judgmentExportBatches(db, { slug: "big" }),
      JUDGMENT_COLUMNS,
      "csv",
    ).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 0x0a) lines++;
      if (++chunks % 40 === 0) {
        gc!();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(lines).toBe(100_001);
    expect(bytes).toBeGreaterThan(40 * 1024 * 1024);
    console.log(
      `exported ${(bytes / 1024 / 1024).toFixed(1)} MB; peak retained heap +${(peak / 1024 / 1024).toFixed(1)} MB`,
    );
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  });
});
