const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
]);
// pg's own wording for a lost connection, a connect timeout and a pool with no free client in time.
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|terminating connection|Client has encountered a connection error/i;

/**
 * Connection-level database failures (down, restarting, or every pooled connection busy past the wait): the
 * client gets a 503 with Retry-After and may retry; anything else is a real error.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (CODES.has(e.code ?? "") || MESSAGES.test(e.message ?? "")) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}
