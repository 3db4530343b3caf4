import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { currentUser, type CurrentUser } from "@/platform/auth/session";
import { hasRole } from "@/platform/auth/policy";
import { log } from "@/platform/log";
import { bearerToken, userOfApiToken, type TokenUser } from "@/platform/auth/api-token";
import { getDb } from "@/platform/db";
import { rateLimiter } from "./rate-limit";
import { crossSiteBy } from "./cross-site";
import { failureReply, invalidReply, type JsonReply } from "./reply";

type Handler<C> = (request: Request, ctx: C & { user: CurrentUser }) => Promise<Response>;

/**
 * The one wrapper for route handlers: 401 without a session, 403 without the role; one JSON log line per request
 * with its id; a database outage becomes a fast 503 with Retry-After instead of a hang or a crash.
 */
export function withRole<C extends object>(role: Role, handler: Handler<C>) {
  return guarded<C>(async (request, ctx) => {
    const user = await currentUser();
    if (!user) return { response: unauthenticated(), userId: undefined };
    if (!hasRole(user.role, role))
      return { response: NextResponse.json({ error: "forbidden" }, { status: 403 }), userId: user.id };
    return { response: await handler(request, { ...ctx, user }), userId: user.id };
  });
}

// Each token may send 600 requests a minute to this instance: plenty for a script, a wall against a runaway loop.
const tokenLimit = rateLimiter("api-token", 600, 60_000);

/**
 * For the scripting API (/api/v1): `Authorization: Bearer <personal access token>` only (a session cookie is not
 * accepted, so a page on another site can never drive it); 401 without a live token, 403 when its owner's current
 * role is below `role`, 429 with Retry-After past the token's rate.
 */
export function withToken<C extends object>(
  role: Role,
  handler: (request: Request, ctx: C & { user: TokenUser }) => Promise<Response>,
) {
  return guarded<C>(async (request, ctx) => {
    const token = bearerToken(request.headers.get("authorization"));
    const user = token ? await userOfApiToken(await getDb(), token) : null;
    if (!user)
      return {
        response: NextResponse.json(
          { error: "send a valid personal access token: Authorization: Bearer vdt_..." },
          { status: 401, headers: { "WWW-Authenticate": "Bearer" } },
        ),
        userId: undefined,
      };
    const wait = tokenLimit(String(user.tokenId));
    if (wait !== null)
      return {
        response: NextResponse.json(
          { error: "too many requests for this token" },
          { status: 429, headers: { "Retry-After": String(wait) } },
        ),
        userId: user.id,
      };
    if (!hasRole(user.role, role))
      return { response: NextResponse.json({ error: "forbidden" }, { status: 403 }), userId: user.id };
    return { response: await handler(request, { ...ctx, user }), userId: user.id };
  });
}

/** True when a cookie-authenticated write comes from another site (see crossSiteBy). */
export function crossSite(request: Request): boolean {
  return crossSiteBy((name) => request.headers.get(name));
}

/** A JSON answer as the App Router's Response. */
const asResponse = (r: JsonReply): Response =>
  NextResponse.json(r.body, { status: r.status, headers: r.headers });

const unauthenticated = () => NextResponse.json({ error: "sign in first" }, { status: 401 });

function guarded<C>(
  run: (request: Request, ctx: C) => Promise<{ response: Response; userId: string | undefined }>,
) {
  return async (request: Request, ctx: C): Promise<Response> => {
    const started = performance.now();
    const requestId = request.headers.get("x-request-id") ?? undefined;
    const path = new URL(request.url).pathname;
    let response: Response;
    let userId: string | undefined;
    try {
      ({ response, userId } = await run(request, ctx));
    } catch (err) {
      response = asResponse(failureReply(err, { requestId, path }));
    }
    log.info(
      {
        requestId,
        method: request.method,
        path,
        status: response.status,
        ms: Math.round(performance.now() - started),
        user: userId,
      },
      "request",
    );
    return response;
  };
}

/** Parses a JSON body with a zod schema; a bad body gets a 400 naming the first field at fault. */
export async function parseJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: NextResponse.json({ error: "body must be JSON" }, { status: 400 }) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: badRequest(parsed.error, "body") };
}

/** Parses a request's query string with a zod schema; a bad one gets a 400 naming the first parameter at fault. */
export function parseQuery<S extends z.ZodType>(
  request: Request,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, response: badRequest(parsed.error, "query") };
}

function badRequest(error: z.ZodError, fallbackField: string): Response {
  return asResponse(invalidReply(error, fallbackField));
}
