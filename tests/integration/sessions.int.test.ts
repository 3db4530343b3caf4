import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { decode, encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { createLink, revokeLink } from "@/features/crowd/links";
import { importItemsFile } from "@/features/imports";
import { studyIdBySlug } from "@/features/studies";
import { createUser, setPassword } from "@/features/users";
import type { Db } from "@/platform/db/client";
import { HttpClient, signInWithPassword, startAppWithDb, type AppServer } from "@/test-utils/app-server";

// A session cookie saved before sign-out, a password reset or a revoked crowd link must stop working at once.
let ctx: Awaited<ReturnType<typeof startAppWithDb>>;
let app: AppServer;
let db: Db;

beforeAll(async () => {
  ctx = await startAppWithDb({
    name: "sessions",
    port: 3441,
    env: {
      AUTH_SECRET: "sessions-test-secret-0123456789",
      VERDICT_DEMO: "off",
      ADMIN_PASSWORD: "admin-password-1",
    },
  });
  app = ctx.app;
  db = ctx.db;
  for (const email of ["r1@verdict.test", "r2@verdict.test"])
    await createUser(db, { email, role: "researcher", password: "researcher-pw-1" });
});
afterAll(() => ctx?.close());

/** A researcher-only route: 404 for an unknown study when signed in, 401 when the session is gone. */
const probe = async (c: HttpClient) => (await c.request("/api/studies/no-such-study/export")).status;

describe("sessions end when they should", () => {
  it("signing out ends a copy of the session cookie taken before, and only that session", async () => {
    const otherDevice = new HttpClient(app.url);
    await signInWithPassword(otherDevice, "r1@verdict.test", "researcher-pw-1");
    const browser = new HttpClient(app.url);
    await signInWithPassword(browser, "r1@verdict.test", "researcher-pw-1");
    const copy = new HttpClient(app.url);
    copy.adoptCookies(browser);
    expect(await probe(copy)).toBe(404);
    const { csrfToken } = (await (await browser.request("/api/auth/csrf")).json()) as { csrfToken: string };
    const out = await browser.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/signin" }).toString(),
    });
    expect([302, 303]).toContain(out.status);
    expect(await probe(copy)).toBe(401);
    expect((await copy.request("/")).status).toBe(307); // pages send it to sign-in
    expect((await copy.request("/signin")).status).toBe(200); // which shows the form, not a redirect back
    expect(await probe(otherDevice)).toBe(404);
  });

  it("a password reset ends the user's sessions", async () => {
    const c = new HttpClient(app.url);
    await signInWithPassword(c, "r2@verdict.test", "researcher-pw-1");
    expect(await probe(c)).toBe(404);
    await setPassword(db, { user: "r2@verdict.test", password: "researcher-pw-2" });
    expect(await probe(c)).toBe(401);
    await signInWithPassword(c, "r2@verdict.test", "researcher-pw-2");
    expect(await probe(c)).toBe(404);
  });

  it("revoking a crowd link ends the sessions of the workers who joined by it", async () => {
    const file = path.join(ctx.dir, "items.jsonl");
    fs.writeFileSync(
      file,
      JSON.stringify({ prompt_id: "p1", prompt: "Say hi", responses: { ref: "Hi", base: "Hello" } }) + "\n",
    );
    await importItemsFile(db, { file, slug: "crowd-s", reference: "ref" });
    const id = (await studyIdBySlug(db, "crowd-s"))!;
    const link = await createLink(db, { studyId: id });
    const worker = new HttpClient(app.url);
    const joined = await worker.request(`/join/${link.token}?PROLIFIC_PID=w-1`);
    expect(joined.headers.get("location")).toContain(`/annotate/${id}`);
    expect((await worker.request(`/api/annotate/${id}/state`)).status).toBe(200);
    await revokeLink(db, { id: link.id });
    expect((await worker.request(`/api/annotate/${id}/state`)).status).toBe(401);
  });
});

describe("sliding expiry and transport security", () => {
  const secret = "sessions-test-secret-0123456789";
  const cookieName = "authjs.session-token";

  it("a page visit renews a session issued more than a day ago, and only then", async () => {
    const me = new HttpClient(app.url);
    await signInWithPassword(me, "r1@verdict.test", "researcher-pw-1");
    const claims = await decode({ token: me.cookies.get(cookieName)!, secret, salt: cookieName });
    // The same session as if issued five days ago: two days left.
    const old = await encode({
      token: { ...claims, exp: undefined },
      secret,
      salt: cookieName,
      maxAge: 2 * 24 * 3600,
    });
    const res = await fetch(`${app.url}/`, {
      headers: { cookie: `${cookieName}=${old}` },
      redirect: "manual",
    });
    expect(res.status).toBe(200);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${cookieName}=`));
    expect(set).toMatch(/HttpOnly/i);
    const renewed = await decode({
      token: set!.split(";")[0].slice(cookieName.length + 1),
      secret,
      salt: cookieName,
    });
    expect(renewed?.id).toBe(claims?.id);
    expect(renewed!.exp! - Date.now() / 1000).toBeGreaterThan(6.9 * 24 * 3600);
    const fresh = await fetch(`${app.url}/`, {
      headers: { cookie: `${cookieName}=${me.cookies.get(cookieName)}` },
      redirect: "manual",
    });
    expect(fresh.headers.getSetCookie().some((c) => c.startsWith(`${cookieName}=`))).toBe(false);
  });

  it("sends HSTS over HTTPS (as a reverse proxy reports it) and not over plain HTTP", async () => {
    const https = await fetch(`${app.url}/signin`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect((await fetch(`${app.url}/signin`)).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("the header", () => {
  it("hides the links a user can no longer use once their role changes", async () => {
    await createUser(db, { email: "a2@verdict.test", role: "admin", password: "admin2-password" });
    const c = new HttpClient(app.url);
    await signInWithPassword(c, "a2@verdict.test", "admin2-password");
    expect(await (await c.request("/")).text()).toContain('data-testid="nav-users"');
    await db.update(users).set({ role: "researcher" }).where(eq(users.email, "a2@verdict.test"));
    const page = await (await c.request("/")).text();
    expect(page).not.toContain('data-testid="nav-users"');
    expect(page).toMatch(/a2@verdict\.test(<!-- -->)? · (<!-- -->)?researcher/);
  });
});
