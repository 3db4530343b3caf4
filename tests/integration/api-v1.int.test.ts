import fs from "node:fs";
import zlib from "node:zlib";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { statsDocument } from "@/features/results";
import { createApiToken, createUser, revokeApiToken } from "@/features/users";
import { rowsOf, type Db } from "@/platform/db/client";
import { startAppWithDb, type AppServer } from "@/test-utils/app-server";
import { limaVerdict } from "@/test-utils/lima-verdicts";

// The scripting API end to end against `next start`: statuses, atomicity of uploads and the stats document.
let ctx: Awaited<ReturnType<typeof startAppWithDb>>;
let app: AppServer;
let db: Db;
let token: string;

const items = fs.readFileSync("data/demo/lima-demo.jsonl", "utf8").trim().split("\n").slice(0, 6);
const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers = new Headers(init.headers);
  const t = init.token === undefined ? token : init.token;
  if (t) headers.set("authorization", `Bearer ${t}`);
  return fetch(`${app.url}/api/v1${path}`, { ...init, headers });
};
const upload = (path: string, body: string, type = "application/x-ndjson") =>
  api(path, { method: "POST", headers: { "content-type": type }, body });
const promptCount = async () =>
  rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from prompts`))[0];

beforeAll(async () => {
  ctx = await startAppWithDb({
    name: "api",
    port: 3471,
    env: {
      AUTH_SECRET: "api-v1-secret-0123456789abcdef",
      VERDICT_DEMO: "off",
      ADMIN_PASSWORD: "admin-pw-12345",
    },
  });
  app = ctx.app;
  db = ctx.db;
  await createUser(db, { email: "res@verdict.test", role: "researcher", password: "research-pw-1" });
  await createUser(db, { email: "ann@verdict.test", role: "annotator", password: "annotate-pw-1" });
  ({ token } = await createApiToken(db, { email: "res@verdict.test", name: "tests" }));
}, 180_000);
afterAll(() => ctx?.close());

describe("API v1", () => {
  it("401 without a token, with a made-up one or a revoked one; 403 when the owner's role drops", async () => {
    expect((await api("/studies/x/stats", { token: null })).status).toBe(401);
    expect((await api("/studies/x/stats", { token: "vdt_not-a-real-token" })).status).toBe(401);
    const other = await createApiToken(db, { email: "res@verdict.test", name: "to revoke" });
    expect((await api("/studies/none/stats", { token: other.token })).status).toBe(404);
    const [owner] = await db.select().from(users).where(eq(users.email, "res@verdict.test"));
    await revokeApiToken(db, { userId: owner.id, tokenId: other.id });
    expect((await api("/studies/none/stats", { token: other.token })).status).toBe(401);
    // A session cookie is no token: the API never acts on cookies.
    expect(
      (await api("/studies/none/stats", { token: null, headers: { cookie: "authjs.session-token=x" } }))
        .status,
    ).toBe(401);
    await expect(createApiToken(db, { email: "ann@verdict.test", name: "x" })).rejects.toThrow(
      /researchers and admins/,
    );
    const demoted = await createApiToken(db, { email: "res@verdict.test", name: "demoted" });
    await db.update(users).set({ role: "annotator" }).where(eq(users.id, owner.id));
    try {
      expect((await api("/studies/none/stats", { token: demoted.token })).status).toBe(403);
    } finally {
      await db.update(users).set({ role: "researcher" }).where(eq(users.id, owner.id));
    }
  });

  it("creates a study (201), refuses its slug again (409) and a bad field (400 naming it)", async () => {
    const body = {
      slug: "api-study",
      title: "API study",
      design: "reference",
      reference: "tulu-2-dpo-70b",
      baselines: ["gpt-4-0613"],
    };
    const created = await api("/studies", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ slug: "api-study", design: "reference" });
    const again = await api("/studies", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(409);
    const bad = await api("/studies", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "bad slug!", design: "reference", reference: "m" }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^study: letters, digits/);
  });

  it("uploads items atomically: a bad line is 422 with line, field and message and writes nothing", async () => {
    const before = await promptCount();
    const broken = [...items];
    broken[3] = JSON.stringify({ prompt_id: "lima-x", prompt: "x", responses: { "gpt-4-0613": 7 } });
    const bad = await upload("/studies/api-study/items", broken.join("\n"));
    expect(bad.status).toBe(422);
    const { errors } = (await bad.json()) as { errors: { line: number; field: string; message: string }[] };
    expect(errors).toEqual([
      { line: 4, field: "responses.gpt-4-0613", message: "a response text, or a list of assistant turns" },
    ]);
    expect(await promptCount()).toEqual(before);

    const ok = await upload("/studies/api-study/items", items.join("\n"));
    expect(ok.status).toBe(200);
    // The baselines named at creation hold: one comparison per prompt, not one per other model.
    expect(await ok.json()).toMatchObject({ prompts: { total: 6 }, comparisons: { created: 6, total: 6 } });
    expect((await upload("/studies/nope/items", items.join("\n"))).status).toBe(404);
    // Gzipped, named by the X-File-Name header: read like the CLI reads a .jsonl.gz file.
    const gz = await api("/studies/api-study/items", {
      method: "POST",
      headers: { "content-type": "application/gzip", "x-file-name": "more.jsonl.gz" },
      body: zlib.gzipSync(items.join("\n")),
    });
    expect(gz.status).toBe(200);
    expect(await gz.json()).toMatchObject({ comparisons: { created: 0, total: 6 } });
    expect((await upload("/studies/api-study/items", "a,b", "application/pdf")).status).toBe(422);
  });

  it("uploads judgments as CSV, 422 on a bad one with nothing written, and streams them back", async () => {
    const csv = [
      "prompt_id,model_a,model_b,winner,annotator,kind",
      "lima-0,tulu-2-dpo-70b,gpt-4-0613,model_a,r1,human",
      "lima-1,tulu-2-dpo-70b,gpt-4-0613,wrong,r1,human",
    ];
    const bad = await upload("/studies/api-study/judgments", csv.join("\n"), "text/csv");
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0]).toMatchObject({ line: 3, field: "winner" });
    const none = await api("/studies/api-study/judgments?format=jsonl");
    expect((await none.text()).trim()).toBe("");

    const rows = [
      limaVerdict(0, "model_a", "r1"),
      limaVerdict(1, "tie", "r1"),
      limaVerdict(2, "model_b", "r2"),
    ];
    const ok = await upload("/studies/api-study/judgments", rows.join("\n"));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ records: 3, written: 3 });
    const back = await api("/studies/api-study/judgments?format=csv");
    expect(back.headers.get("content-type")).toContain("text/csv");
    expect((await back.text()).trim().split("\n")).toHaveLength(4);
    expect((await api("/studies/api-study/judgments?format=xml")).status).toBe(400);
  });

  it("GET stats is exactly the stats --json document", async () => {
    const res = await api("/studies/api-study/stats");
    expect(res.status).toBe(200);
    const doc = await statsDocument(db, { slug: "api-study", filters: {} });
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc.json)));
    expect((await api("/studies/api-study/stats?plan=7")).status).toBe(400);
  });

  it("describes itself in an OpenAPI document built from the route schemas", async () => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.0.3");
    expect(Object.keys(doc.paths)).toEqual([
      "/studies",
      "/studies/{slug}/items",
      "/studies/{slug}/judgments",
      "/studies/{slug}/stats",
    ]);
    const body = doc.paths["/studies"].post.requestBody.content["application/json"].schema;
    expect(body.required).toEqual(["slug"]);
    expect(body.properties.design.enum).toEqual(["reference", "all-pairs", "rating"]);
    expect(
      doc.paths["/studies/{slug}/judgments"].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(["slug", "format"]);
  });
});
