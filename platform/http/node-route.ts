import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/platform/log";
import type { z } from "zod";
import { failureReply, invalidReply, reply, type JsonReply } from "./reply";
import { crossSiteBy } from "./cross-site";

/**
 * Route handlers on Node's own request and response, for the labelling API: Pages Router API routes, outside the
 * proxy. An App Router route handler behind the proxy costs about 1.6 ms of server CPU before it does any work
 * (a trivial one answered 541-625 requests/s here, against 2,114-2,358 for the same answer as a Pages API route
 * outside the proxy), and annotators send a request every few seconds for hours. What the proxy and `guarded`
 * give the App Router's routes is done here: a request id, a JSON log line, error codes mapped to statuses, a
 * database outage as a fast 503, a restrictive CSP, no caching; plus a cap on the body and a refusal of cross-site
 * writes. The security headers of next.config.ts apply to every path, these included.
 */

export { errorReply, reply, type JsonReply } from "./reply";

export const unauthenticatedReply = (): JsonReply => reply({ error: "sign in first" }, 401);

/** What a handler sees of the request: the Pages Router's parsed query (path parameters included). */
export type NodeRequest = IncomingMessage & { query?: Partial<Record<string, string | string[]>> };

type Spec<M extends string> = { methods: readonly M[]; maxBodyBytes?: number };
/** The request's JSON body, or the answer that refuses it (400 not JSON, 413 too large). */
export type Body = { ok: true; value: unknown } | { ok: false; reply: JsonReply };

/** Reads the body and parses it with `schema`; a bad one gets the answer that refuses it (400 naming the field). */
export async function parsedBody<S extends z.ZodType>(
  body: () => Promise<Body>,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; reply: JsonReply }> {
  const read = await body();
  if (!read.ok) return read;
  const parsed = schema.safeParse(read.value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reply: invalidReply(parsed.error, "body") };
}
/** `body()` reads the body when the handler asks (after its own checks: a stranger gets 401, not a parse error). */
type Handler = (
  request: NodeRequest,
  body: () => Promise<Body>,
) => Promise<{ reply: JsonReply; userId?: string }>;

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DEFAULT_MAX_BODY = 64 * 1024;

/** Wraps a handler of a JSON API route. */
export function nodeRoute<M extends string>(spec: Spec<M>, handler: Handler) {
  const maxBody = spec.maxBodyBytes ?? DEFAULT_MAX_BODY;
  return async (request: NodeRequest, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    const path = (request.url ?? "/").split("?")[0];
    let answer: JsonReply;
    let userId: string | undefined;
    try {
      if (!(spec.methods as readonly string[]).includes(request.method ?? "")) {
        answer = reply({ error: `use ${spec.methods.join(" or ")}` }, 405, {
          Allow: spec.methods.join(", "),
        });
      } else if (request.method !== "GET" && crossSiteBy((name) => request.headers[name]?.toString())) {
        answer = reply({ error: "cross-site request refused" }, 403);
      } else {
        let read: Promise<Body> | undefined;
        const body = () =>
          (read ??=
            request.method === "GET"
              ? Promise.resolve({ ok: true, value: undefined })
              : readJson(request, maxBody));
        ({ reply: answer, userId } = await handler(request, body));
      }
    } catch (err) {
      answer = failureReply(err, { requestId, path });
    }
    send(response, answer, requestId);
    log.info(
      {
        requestId,
        method: request.method,
        path,
        status: answer.status,
        ms: Math.round(performance.now() - started),
        user: userId,
      },
      "request",
    );
  };
}

// An incoming X-Request-Id is kept when it is a plain token (it is echoed in a header and written to the log).
const REQUEST_ID = /^[\w.:-]{1,100}$/;
function requestIdOf(request: IncomingMessage): string {
  const given = request.headers["x-request-id"];
  return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
}

function send(response: ServerResponse, answer: JsonReply, requestId: string): void {
  const payload = JSON.stringify(answer.body);
  response.statusCode = answer.status;
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.setHeader("Content-Length", Buffer.byteLength(payload));
  // no-transform: Next.js leaves the answer uncompressed. It is a few kilobytes, and gzip was 8% of the server's
  // CPU under the annotate benchmark (and more again in every client).
  response.setHeader("Cache-Control", "no-store, no-transform");
  response.setHeader("Content-Security-Policy", API_CSP);
  response.setHeader("X-Request-Id", requestId);
  for (const [k, v] of Object.entries(answer.headers ?? {})) response.setHeader(k, v);
  response.end(payload);
}

/** Reads at most `limit` bytes of a JSON body: 413 past it (the rest is not read), 400 when it is not JSON. */
async function readJson(request: IncomingMessage, limit: number): Promise<Body> {
  const tooLarge = (): Body => ({
    ok: false,
    reply: reply({ error: `body too large: at most ${limit} bytes` }, 413, { Connection: "close" }),
  });
  if (Number(request.headers["content-length"] ?? 0) > limit) return tooLarge();
  return new Promise<Body>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      // Answer at once and read no more; the connection closes after the answer.
      request.removeAllListeners("data");
      request.pause();
      resolve(tooLarge());
    });
    request.on("error", () =>
      resolve({ ok: false, reply: reply({ error: "the body could not be read" }, 400) }),
    );
    request.on("end", () => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      } catch {
        resolve({ ok: false, reply: reply({ error: "body must be JSON" }, 400) });
      }
    });
  });
}
