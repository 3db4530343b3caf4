import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/platform/errors";
import { nodeRoute, reply, type NodeRequest } from "./node-route";

// A real HTTP server around one wrapped handler; the handler's behaviour is chosen by the query string.
const seen: unknown[] = [];
const handler = nodeRoute({ methods: ["GET", "POST"], maxBodyBytes: 1000 }, async (request, readBody) => {
  const what = new URL(request.url ?? "/", "http://x").searchParams.get("do");
  if (what === "deny") return { reply: reply({ error: "sign in first" }, 401) }; // before reading the body
  const read = await readBody();
  if (!read.ok) return { reply: read.reply };
  const body = read.value;
  seen.push(body);
  if (what === "app-error") throw new AppError("item_not_yours");
  if (what === "db-down") throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
  if (what === "crash") throw new Error("secret internals");
  return {
    reply: reply({ got: body ?? null, q: (request as NodeRequest).query ?? null }, 201, { "X-Extra": "1" }),
  };
});
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(base + path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("nodeRoute", () => {
  it("answers the handler's JSON with its status and headers, no caching, a closed CSP and a request id", async () => {
    const res = await post("/x", JSON.stringify({ a: 1 }), { "x-request-id": "req-123" });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ got: { a: 1 }, q: null });
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-request-id")).toBe("req-123");
    expect(res.headers.get("x-extra")).toBe("1");
    const fresh = await fetch(base + "/x");
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Anything but a plain token of at most 100 characters is replaced, never echoed.
    for (const given of ["a b", "x".repeat(101), "<script>", "é"]) {
      const res = await fetch(base + "/x", { headers: { "x-request-id": given } });
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("refuses other methods with 405 and Allow", async () => {
    const res = await fetch(base + "/x", { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST");
  });

  it("refuses a body that is not JSON (400) or too large (413) when the handler reads it", async () => {
    seen.length = 0;
    const bad = await post("/x", "{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "body must be JSON" });
    const big = await post("/x", JSON.stringify({ s: "x".repeat(2000) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error).toBe("body too large: at most 1000 bytes");
    // Without a Content-Length (chunked), the count of bytes read decides.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(base + "/x", { method: "POST", headers: { "transfer-encoding": "chunked" } });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      for (let i = 0; i < 5; i++) req.write("x".repeat(400));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(seen).toEqual([]);
    // A handler that refuses before asking for the body answers first, whatever the body.
    expect((await post("/x?do=deny", "{not json")).status).toBe(401);
  });

  it("refuses writes from another site", async () => {
    seen.length = 0;
    expect((await post("/x", "{}", { origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/x", "{}", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(seen).toEqual([]);
    const sameOrigin = await post("/x", "{}", { origin: base, "sec-fetch-site": "same-origin" });
    expect(sameOrigin.status).toBe(201);
  });

  it("maps a data-layer code to its status, an outage to 503 with Retry-After, anything else to a bare 500", async () => {
    const coded = await fetch(base + "/x?do=app-error");
    expect(coded.status).toBe(404);
    expect(await coded.json()).toMatchObject({ code: "item_not_yours" });
    const down = await fetch(base + "/x?do=db-down");
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("2");
    const crash = await fetch(base + "/x?do=crash", { headers: { "x-request-id": "req-9" } });
    expect(crash.status).toBe(500);
    const body = await crash.json();
    expect(body).toEqual({ error: "Internal error", requestId: "req-9" });
    expect(JSON.stringify(body)).not.toContain("secret internals");
  });
});
