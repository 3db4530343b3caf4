import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/platform/db/client";
import { createLink } from "@/features/crowd/links";
import { rowsOf } from "@/platform/db/client";
import { startApps, HttpClient, type AppServer } from "@/test-utils/app-server";
import { createTestDb, testServerUrl } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";
import type { AnnotationState } from "@/features/annotation/schemas";

const ANNOTATORS = 200;
const K = 3;

// 200 simulated annotators against two `next start` instances sharing one Postgres database.
describe.skipIf(!testServerUrl())("200 concurrent annotators on 2 app instances (Postgres)", () => {
  let db: Db;
  let drop: () => Promise<void>;
  let apps: AppServer[] = [];
  let studyId: number;
  let token: string;

  beforeAll(async () => {
    const handle = await createTestDb();
    db = handle.db;
    drop = handle.drop;
    const study = await makeStudy(db, {
      slug: "http-race",
      prompts: 100,
      baselines: ["b1", "b2"],
      overlapK: K,
    });
    studyId = study.id;
    token = (await createLink(db, { studyId })).token;
    const env = {
      DATABASE_URL: handle.url!,
      AUTH_SECRET: randomUUID(),
      ADMIN_PASSWORD: "unused-admin-password",
      DATABASE_POOL_SIZE: "10",
    };
    apps = await startApps([
      { port: 3411, env },
      { port: 3412, env },
    ]);
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await drop?.();
  });

  it("gives no comparison more than k verdicts, no annotator one twice, and loses no acknowledged verdict, with resent and duplicated submissions", async () => {
    const acknowledged = new Set<string>();
    let resent = 0;
    const annotate = async (i: number) => {
      const client = new HttpClient(apps[i % 2].url);
      const joined = await client.request(
        `/join/${token}?PROLIFIC_PID=worker${i}&STUDY_ID=s&SESSION_ID=x${i}`,
      );
      expect(joined.headers.get("location")).toContain(`/annotate/${studyId}`);
      let state = (await (await client.request(`/api/annotate/${studyId}/state`)).json()) as AnnotationState;
      for (let guard = 0; guard < 100; guard++) {
        if (state.busy) {
          await new Promise((r) => setTimeout(r, 50));
          state = (await (await client.request(`/api/annotate/${studyId}/state`)).json()) as AnnotationState;
          continue;
        }
        if (!state.item) return;
        const body = {
          token: state.item.token,
          choice: (["A", "tie", "B"] as const)[(i + guard) % 3],
          requestId: randomUUID(),
          durationMs: 1234,
        };
        const duplicate = Math.random() < 0.2;
        const responses = await Promise.all(
          (duplicate ? [1, 2] : [1]).map(() => client.json(`/api/annotate/${studyId}/judgments`, body)),
        );
        if (duplicate) resent++;
        for (const res of responses) expect(res.status).toBe(200);
        const payloads = (await Promise.all(responses.map((r) => r.json()))) as {
          result: string;
          state: AnnotationState;
        }[];
        expect(payloads.filter((p) => p.result === "stored")).toHaveLength(1);
        acknowledged.add(body.requestId);
        // Like a client that never saw the answer: resend up to 3 more times after random delays.
        if (Math.random() < 0.2) {
          for (let r = 0; r < 1 + Math.floor(Math.random() * 3); r++) {
            await new Promise((res) => setTimeout(res, Math.random() * 50));
            const again = await client.json(`/api/annotate/${studyId}/judgments`, body);
            expect(again.status).toBe(200);
            expect(((await again.json()) as { result: string }).result).toBe("duplicate");
            resent++;
          }
        }
        state = payloads[0].state;
      }
      throw new Error(`annotator ${i} did not finish`);
    };
    await Promise.all(Array.from({ length: ANNOTATORS }, (_, i) => annotate(i)));

    const perComparison = rowsOf<{ n: number }>(
      await db.execute(sql`select count(j.id)::int as n from comparisons c left join judgments j on j.comparison_id = c.id
        where c.study_id = ${studyId} group by c.id`),
    );
    expect(perComparison).toHaveLength(200);
    expect(Math.max(...perComparison.map((r) => r.n))).toBeLessThanOrEqual(K);
    expect(perComparison.every((r) => r.n === K)).toBe(true);
    const twice = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from (select user_id, comparison_id from judgments group by 1, 2 having count(*) > 1) t`,
      ),
    );
    expect(twice[0].n).toBe(0);
    const stored = rowsOf<{ request_id: string }>(await db.execute(sql`select request_id from submissions`));
    const storedIds = new Set(stored.map((s) => s.request_id));
    expect([...acknowledged].filter((id) => !storedIds.has(id))).toEqual([]);
    expect(acknowledged.size).toBe(200 * K);
    expect(resent).toBeGreaterThan(50);
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from judgments`));
    expect(n).toBe(200 * K);
  });
});
