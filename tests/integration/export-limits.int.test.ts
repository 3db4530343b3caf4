import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/features/users";
import type { Db } from "@/platform/db/client";
import { HttpClient, signInWithPassword, startAppWithDb, type AppServer } from "@/test-utils/app-server";
import { makeStudy } from "@/test-utils/fixtures";

// The red-team's export flood: every export ran at once and held its connection and a batch for as long as its
// reader stalled. Now a user runs at most two, an instance four; the rest get 429 with Retry-After.
let ctx: Awaited<ReturnType<typeof startAppWithDb>>;
let app: AppServer;
let db: Db;

beforeAll(async () => {
  ctx = await startAppWithDb({
    name: "exports",
    port: 3451,
    env: {
      AUTH_SECRET: "export-limits-secret-0123456789",
      VERDICT_DEMO: "off",
      ADMIN_PASSWORD: "admin-password-1",
    },
  });
  app = ctx.app;
  db = ctx.db;
  const study = await makeStudy(db, { slug: "big", prompts: 200, baselines: ["b1", "b2"] });
  // ~20 MB of CSV: far more than socket buffers hold, so an unread export stays open on the server.
  await db.execute(sql`insert into judgments (comparison_id, judge_name, kind, verdict, reference_side, rationale)
    select c.id, 'judge-' || g, 'judge', 'tie', 'left', repeat('long rationale ', 60)
    from comparisons c cross join generate_series(1, 25) g where c.study_id = ${study.id}`);
  await createUser(db, {
    email: "exporter@verdict.test",
    role: "researcher",
    password: "exporter-pw-1",
  });
}, 180_000);
afterAll(() => ctx?.close());

describe("export limits", () => {
  it("a user gets two exports at once, the third 429 with Retry-After; a closed download frees its slot", async () => {
    const c = new HttpClient(app.url);
    await signInWithPassword(c, "exporter@verdict.test", "exporter-pw-1");
    const first = new AbortController();
    const a = await c.request("/api/studies/big/export?format=csv", { signal: first.signal });
    const b = await c.request("/api/studies/big/export?format=jsonl");
    expect([a.status, b.status]).toEqual([200, 200]);
    const third = await c.request("/api/studies/big/export?format=csv");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("10");
    // Labelling and everything else still answer while both exports stall.
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);

    first.abort();
    let again = 429;
    for (let i = 0; i < 50 && again === 429; i++) {
      await sleep(100);
      const r = await c.request("/api/studies/big/export?format=csv&kind=summary");
      again = r.status;
      await r.body?.cancel();
    }
    expect(again).toBe(200);
    await b.body?.cancel();
  });
});
