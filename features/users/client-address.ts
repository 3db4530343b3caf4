/**
 * The address a request came from, for per-client limits: the last entry of X-Forwarded-For, which Next.js fills
 * from the socket when the request has none and which a reverse proxy in front appends to. Behind no proxy, a
 * client can send the header itself; deploy behind a reverse proxy that sets it for limits a client
 * cannot dodge. Null when unknown.
 */
export function clientAddress(headers: Headers | null | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  return last ? last.slice(0, 100) : null;
}
