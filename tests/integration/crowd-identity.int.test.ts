import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationState } from "@/features/annotation";
import { createLink } from "@/features/crowd";
import { importItemsFile } from "@/features/imports";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { HttpClient, startAppWithDb, type AppServer } from "@/test-utils/app-server";

// The red-team's crowd attacks: taking over a worker by reusing their PROLIFIC_PID, made-up ids each getting a
// quota, and a few ids leasing every open slot so that real workers were told "done" with 0 verdicts.
let ctx: Awaited<ReturnType<typeof startAppWithDb>>;
let app: AppServer;
let db: Db;
let token = "";
let oneItemToken = "";
let oneItemStudy = 0;

beforeAll(async () => {
  ctx = await startAppWithDb({
    name: "crowd",
    port: 3461,
    env: {
      AUTH_SECRET: "crowd-identity-secret-0123456789",
      VERDICT_DEMO: "off",
      ADMIN_PASSWORD: "admin-password-1",
      VERDICT_MAX_WORKERS_PER_ADDRESS: "3",
    },
  });
  app = ctx.app;
  db = ctx.db;
  const file = path.join(ctx.dir, "items.jsonl");
  const lines = Array.from({ length: 5 }, (_, i) =>
    JSON.stringify({ prompt_id: `p${i}`, prompt: `Prompt ${i}`, responses: { ref: `r${i}`, base: `b${i}` } }),
  );
  fs.writeFileSync(file, lines.join("\n"));
  await importItemsFile(db, { file, slug: "crowd", reference: "ref" });
  token = (await createLink(db, { studyId: (await studyIdBySlug(db, "crowd"))! })).token;
  fs.writeFileSync(file, lines[0]);
  await importItemsFile(db, { file, slug: "one-item", reference: "ref" });
  oneItemStudy = (await studyIdBySlug(db, "one-item"))!;
  oneItemToken = (await createLink(db, { studyId: oneItemStudy })).token;
}, 120_000);
afterAll(() => ctx?.close());

/** A browser (its own cookies) coming from one address. */
function browser(address: string) {
  const c = new HttpClient(app.url);
  const join = (query: string, link = token) =>
    c.request(`/join/${link}?${query}`, { headers: { "x-forwarded-for": address } });
  return { c, join };
}
const landing = (res: Response) => res.headers.get("location") ?? "";

describe("crowd identities", () => {
  it("binds a worker id to the first browser and its session: another browser or session is refused", async () => {
    const first = browser("203.0.113.1");
    expect(landing(await first.join("PROLIFIC_PID=w1&SESSION_ID=se-1"))).toMatch(/\/annotate\/\d+$/);
    const thief = browser("203.0.113.99");
    expect(landing(await thief.join("PROLIFIC_PID=w1&SESSION_ID=se-1"))).toContain(
      "/join-error?reason=claimed",
    );
    expect(landing(await first.join("PROLIFIC_PID=w1&SESSION_ID=se-1"))).toMatch(/\/annotate\/\d+$/);
    expect(landing(await first.join("PROLIFIC_PID=w1&SESSION_ID=se-2"))).toContain(
      "/join-error?reason=other-session",
    );
  });

  it("caps the new identities one address can create", async () => {
    const from = (i: number) => browser("198.51.100.5").join(`PROLIFIC_PID=made-up-${i}`);
    for (let i = 0; i < 3; i++) expect(landing(await from(i))).toMatch(/\/annotate\/\d+$/);
    expect(landing(await from(3))).toContain("/join-error?reason=too-many-joins");
    expect(landing(await browser("198.51.100.6").join("PROLIFIC_PID=made-up-3"))).toMatch(/\/annotate\/\d+$/);
  });

  it("tells a worker to come back while the open items are only leased, never 'done' with a completion code", async () => {
    const holder = browser("192.0.2.10");
    await holder.join("PROLIFIC_PID=holder", oneItemToken);
    const held = (await (
      await holder.c.request(`/api/annotate/${oneItemStudy}/state`)
    ).json()) as AnnotationState;
    expect(held.item).not.toBeNull();
    const late = browser("192.0.2.11");
    await late.join("PROLIFIC_PID=late", oneItemToken);
    const state = (await (
      await late.c.request(`/api/annotate/${oneItemStudy}/state`)
    ).json()) as AnnotationState;
    expect(state).toMatchObject({ wait: true, done: null, item: null });
  });
});

describe("joining from the confirmation page", () => {
  it("takes a same-origin POST and refuses a cross-site one", async () => {
    const post = (site: string, worker: string) =>
      fetch(`${app.url}/join/${token}?PROLIFIC_PID=${worker}`, {
        method: "POST",
        headers: { "sec-fetch-site": site, "x-forwarded-for": "192.0.2.50" },
        redirect: "manual",
      });
    expect((await post("cross-site", "posted-1")).status).toBe(403);
    const same = await post("same-origin", "posted-2");
    expect(same.headers.get("location")).toMatch(/\/annotate\/\d+$/);
  });
});
