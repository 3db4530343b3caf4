import { expect, test } from "@playwright/test";

test("pages carry a nonce CSP, framing is refused, every response has a request id; health reports the database", async ({
  request,
  page,
}) => {
  const res = await request.get("/signin");
  const csp = res.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
  expect(res.headers()["referrer-policy"]).toBe("no-referrer");
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  // Next's inline scripts carry the nonce of the same response.
  const nonce = csp.match(/'nonce-([^']+)'/)![1];
  const html = await res.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  // And the page still works under it (the rest of the suite signs in and labels under this policy).
  const violations: string[] = [];
  page.on("console", (m) => m.text().includes("Content Security Policy") && violations.push(m.text()));
  await page.goto("/studies/lima-demo/results");
  await expect(page.getByTestId("figure-human")).toBeVisible();
  expect(violations).toEqual([]);

  // The labelling API is outside the proxy: its routes set a request id and a closed CSP themselves, and get
  // next.config's security headers like every path.
  const api = await request.get("/api/annotate/1/state");
  expect([401, 404]).toContain(api.status()); // 404: the signed-in admin is not enrolled in it
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
  expect(api.headers()["x-frame-options"]).toBe("DENY");
  expect(api.headers()["cache-control"]).toBe("no-store, no-transform");

  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
});
