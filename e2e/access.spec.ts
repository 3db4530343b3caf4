import fs from "node:fs";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { actions, pages, routes, type Role } from "./access-matrix";
import { fixtures, storageStates, users } from "./fixtures/data";

const ROLES: Role[] = ["anonymous", "annotator", "researcher", "admin"];

/**
 * A session of its own for `role` (signed in through Auth.js's endpoints): signing out ends the session it runs
 * in, so it must not be the one the other specs share.
 */
async function freshClient(role: Role, baseURL: string): Promise<APIRequestContext> {
  // An explicitly empty state: leaving it out would inherit the project's (the admin's) saved session.
  const api = await request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  if (role === "anonymous") return api;
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await api.post("/api/auth/callback/credentials", {
    form: { email: users[role].email, password: users[role].password, csrfToken, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in of ${role}`).toBe(302);
  return api;
}

async function client(role: Role, baseURL: string): Promise<APIRequestContext> {
  return request.newContext({
    baseURL,
    storageState: role === "anonymous" ? undefined : storageStates[role],
  });
}

for (const role of ROLES) {
  test(`pages and route handlers answer ${role} as the matrix says`, async ({ baseURL }) => {
    const api = await client(role, baseURL!);
    const fx = fixtures();
    for (const entry of [...pages, ...routes]) {
      const url = entry.path(fx);
      const res =
        entry.method === "GET"
          ? await api.get(url, { maxRedirects: 0 })
          : await api.post(url, { data: entry.body ?? {}, maxRedirects: 0 });
      expect.soft(res.status(), `${entry.method} ${url} as ${role}`).toBe(entry.expect[role]);
      if (res.status() === 307 && role === "anonymous")
        expect.soft(res.headers()["location"]).toContain("/signin");
    }
    await api.dispose();
  });
}

// Server actions are invoked the way the browser does (Next-Action header), with input that fails validation:
// an allowed caller gets the validation message, a denied one the refusal, and nothing is changed either way.
test("every server action enforces its role", async ({ baseURL }) => {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8"))
    .node as Record<string, { filename: string; exportedName: string }>;
  const ids = new Map(Object.entries(manifest).map(([id, v]) => [`${v.filename}#${v.exportedName}`, id]));
  expect([...ids.keys()].sort()).toEqual(actions.map((a) => `${a.file}#${a.name}`).sort());
  for (const role of ROLES) {
    for (const a of actions) {
      // signOutAction ends the session it runs in: it gets a session of its own.
      const api =
        a.name === "signOutAction" ? await freshClient(role, baseURL!) : await client(role, baseURL!);
      const res = await api.post(a.page, {
        headers: {
          "Next-Action": ids.get(`${a.file}#${a.name}`)!,
          "Content-Type": "text/plain;charset=UTF-8",
          Accept: "text/x-component",
          Origin: baseURL!,
        },
        data: a.name === "signOutAction" ? "[]" : JSON.stringify([null, { bogus: true }]),
        maxRedirects: 0,
      });
      const body = await res.text();
      const label = `${a.name} as ${role}`;
      const rank = { anonymous: 0, annotator: 1, researcher: 2, admin: 3 }[role];
      const needed = a.role ? { annotator: 1, researcher: 2, admin: 3 }[a.role] : 0;
      if (rank >= needed) {
        expect.soft(body, label).not.toMatch(/You are not allowed|Your session has ended/);
        expect.soft(res.status(), label).toBeLessThan(400);
        if (a.role) expect.soft(body, label).toContain("Please correct the highlighted fields.");
      } else if (role === "anonymous") {
        expect.soft(res.status(), label).toBe(307);
      } else {
        expect.soft(body, label).toContain("You are not allowed to do this.");
      }
      await api.dispose();
    }
  }
});
