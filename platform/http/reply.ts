import { isDatabaseUnavailable } from "@/platform/db/unavailable";
import { AppError, httpStatus } from "@/platform/errors";
import type { z } from "zod";
import { log } from "@/platform/log";
import { firstIssue } from "@/platform/validation";

/** A JSON answer: its status, body and extra headers (the App Router's routes send it as a Response). */
export type JsonReply = { status: number; body: unknown; headers?: Record<string, string> };

export const reply = (body: unknown, status = 200, headers?: Record<string, string>): JsonReply => ({
  status,
  body,
  headers,
});

/** The answer for a data-layer error code: its status, message and code (plus `extra`), from the one table. */
export const errorReply = (err: AppError, extra: Record<string, unknown> = {}): JsonReply =>
  reply({ error: err.message, code: err.code, ...extra }, httpStatus(err.code));

/**
 * The answer for what a route handler threw: a data-layer code as its status; a database outage as a fast 503
 * with Retry-After (the client may retry); anything else as a bare 500 naming the request, logged here.
 */
export function failureReply(err: unknown, where: { requestId?: string; path: string }): JsonReply {
  if (err instanceof AppError) return errorReply(err);
  if (isDatabaseUnavailable(err)) {
    log.warn({ ...where, err: (err as Error).message }, "database unavailable");
    return reply({ error: "The database is unavailable; please retry shortly.", retryable: true }, 503, {
      "Retry-After": "2",
    });
  }
  log.error({ ...where, err }, "request failed");
  return reply({ error: "Internal error", requestId: where.requestId }, 500);
}

/** A 400 naming the first field (or query parameter) at fault. */
export function invalidReply(error: z.ZodError, fallbackField: string): JsonReply {
  const { field, message } = firstIssue(error, fallbackField);
  return reply({ error: `${field}: ${message}` }, 400);
}
