import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Db } from "@/platform/db/client";
import { createLink } from "@/features/crowd/links";
import { newTally, runAnnotator } from "@/test-utils/annotator-client";
import { createUser } from "@/features/users/queries";
import { HttpClient, signInWithPassword, startApp, startApps, type AppServer } from "@/test-utils/app-server";
import { createTestDb, testServerUrl } from "@/test-utils/db";
import { makeStudy } from "@/test-utils/fixtures";
import { setTimeout as sleep } from "node:timers/promises";

async function missingAcknowledged(db: Db, acknowledged: Set<string>): Promise<string[]> {
  const stored = new Set(
    rowsOf<{ request_id: string }>(await db.execute(sql`select request_id from submissions`)).map(
      (r) => r.request_id,
    ),
  );
  return [...acknowledged].filter((id) => !stored.has(id));
}

// Drills against real processes on loopback: two `next start` instances on one Postgres. Postgres only.
describe.skipIf(!testServerUrl())("fault drills", () => {
  let db: Db;
  let drop: () => Promise<void>;
  let url: string;
  let apps: AppServer[] = [];
  const secret = randomUUID();

  beforeAll(async () => {
    const handle = await createTestDb("postgres");
    ({ db, drop } = handle);
    url = handle.url!;
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await drop();
  });
  const env = () => ({ DATABASE_URL: url, AUTH_SECRET: secret, ADMIN_PASSWORD: "unused-admin-password" });

  it("kill -9 of one of two instances: the other keeps serving, no acknowledged verdict is lost, dead leases expire", async () => {
    const study = await makeStudy(db, { slug: "kill", prompts: 60, overlapK: 1, leaseSeconds: 3 });
    const { token } = await createLink(db, { studyId: study.id });
    apps = await startApps([
      { port: 3421, env: env() },
      { port: 3422, env: env() },
    ]);
    const [a, b] = apps;
    const tally = newTally();
    let stop = false;
    let bDead = false;
    // Workers 0-9 use instance a; 10-19 use b and fail over to a once b is gone; 20-21 stop for good when b dies.
    const workers = Array.from({ length: 22 }, (_, i) =>
      runAnnotator({
        base: () => (i < 10 || bDead ? a.url : b.url),
        token,
        studyId: study.id,
        worker: `kill-${i}`,
        tally,
        until: () => stop || (i >= 20 && bDead),
      }),
    );
    await sleep(1500);
    b.process.kill("SIGKILL");
    bDead = true;
    await sleep(1500);
    stop = true;
    await Promise.all(workers);
    expect(tally.acknowledged.size).toBeGreaterThan(20);
    expect(await missingAcknowledged(db, tally.acknowledged)).toEqual([]);
    const [{ n }] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from (select comparison_id from judgments group by 1 having count(*) > 1) t`,
      ),
    );
    expect(n).toBe(0);
    // The abandoned workers' leases run out and their items are served again.
    const abandoned = rowsOf<{ comparison_id: number }>(
      await db.execute(sql`select a.comparison_id from assignments a join users u on u.id = a.user_id
        where u.external_id in ('PROLIFIC_PID:kill-20', 'PROLIFIC_PID:kill-21') and a.status = 'active'`),
    );
    await sleep(3200);
    const stillHeld = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from assignments where status = 'active' and expires_at > now()
        and user_id in (select id from users where external_id in ('PROLIFIC_PID:kill-20', 'PROLIFIC_PID:kill-21'))`),
    );
    expect(stillHeld[0].n).toBe(0);
    if (abandoned.length) {
      const late = newTally();
      let done = false;
      await runAnnotator({
        base: () => a.url,
        token,
        studyId: study.id,
        worker: "kill-late",
        tally: late,
        until: () => done,
      });
      done = true;
      const judged = rowsOf<{ comparison_id: number }>(
        await db.execute(
          sql`select comparison_id from judgments where comparison_id in (${sql.join(
            abandoned.map((x) => sql`${x.comparison_id}`),
            sql`, `,
          )})`,
        ),
      );
      expect(judged.length).toBe(abandoned.length);
    }
    await a.stop();
    apps = [];
  });

  it("SIGTERM finishes the request in flight (a 60 MB export) before the process exits", async () => {
    const study = await makeStudy(db, { slug: "drain", prompts: 500 });
    await db.execute(
      sql`insert into users (external_id, role) select 'drain-' || g, 'annotator' from generate_series(1, 100) g`,
    );
    await db.execute(sql`insert into judgments (comparison_id, user_id, kind, verdict, reference_side, rationale)
      select c.id, u.id, 'human', 'tie', 'left', repeat('slow ', 200) from comparisons c cross join users u
      where c.study_id = ${study.id} and u.external_id like 'drain-%'`);
    await createUser(db, { email: "drain@verdict.local", role: "researcher", password: "drain-password-1" });
    const app = await startApp({ port: 3424, env: env() });
    apps = [app];
    const client = new HttpClient(app.url);
    await signInWithPassword(client, "drain@verdict.local", "drain-password-1");
    const res = await client.request("/api/studies/drain/export?format=csv");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let lines = 0;
    const first = await reader.read();
    bytes += first.value!.length;
    const exited = new Promise<number | null>((resolve) => app.process.once("exit", (code) => resolve(code)));
    app.process.kill("SIGTERM");
    for (const b of first.value!) if (b === 0x0a) lines++;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (const b of value) if (b === 0x0a) lines++;
    }
    expect(lines).toBe(50_001);
    expect(bytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(await exited).toBe(143);
    apps = [];
  });

  const cluster = fs.existsSync("/etc/postgresql")
    ? fs.readdirSync("/etc/postgresql").sort().pop()
    : undefined;
  const canRestart =
    process.getuid?.() === 0 && cluster !== undefined && fs.existsSync("/usr/bin/pg_ctlcluster");

  it.skipIf(!canRestart)(
    "Postgres restart under load: fast retryable errors, recovery within 5 s, nothing acknowledged lost",
    async () => {
      const study = await makeStudy(db, { slug: "restart", prompts: 400, overlapK: 1 });
      const { token } = await createLink(db, { studyId: study.id });
      const app = await startApp({ port: 3423, env: env() });
      apps = [app];
      const tally = newTally();
      let stop = false;
      const workers = Array.from({ length: 16 }, (_, i) =>
        runAnnotator({
          base: () => app.url,
          token,
          studyId: study.id,
          worker: `restart-${i}`,
          tally,
          until: () => stop,
        }),
      );
      await sleep(1500);
      const before = tally.acknowledged.size;
      execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", cluster!, "main", "restart", "-m", "fast"]);
      const back = Date.now();
      // Recovery: the app answers a real query again within 5 s of Postgres returning, by itself.
      let recoveredAfter = Infinity;
      while (Date.now() - back < 15_000) {
        const res = await fetch(`${app.url}/api/health`).catch(() => null);
        if (res?.status === 200) {
          recoveredAfter = Date.now() - back;
          break;
        }
        await sleep(100);
      }
      await sleep(1500);
      stop = true;
      await Promise.all(workers);
      expect(app.process.exitCode).toBeNull();
      expect(recoveredAfter).toBeLessThan(5000);
      expect(tally.acknowledged.size).toBeGreaterThan(before);
      expect(tally.slowestFailureMs).toBeLessThan(5000);
      expect(await missingAcknowledged(db, tally.acknowledged)).toEqual([]);
      console.log(
        `restart drill: ${tally.acknowledged.size} verdicts acknowledged, errors ${JSON.stringify([...tally.errors])}, slowest failure ${tally.slowestFailureMs.toFixed(0)} ms, recovered ${recoveredAfter} ms after restart`,
      );
      await app.stop();
      apps = [];
    },
  );
});
