import { LRUCache } from "lru-cache";
import { processWide } from "@/platform/process-wide";

/**
 * A fixed-window counter per key (a token, an address): `limit` requests per `windowMs`, in this process (every
 * limiter of one `name` counts together). Returns the seconds to wait when the window is spent, else null.
 */
export function rateLimiter(name: string, limit: number, windowMs: number) {
  const windows = processWide(
    `rate-limit.${name}`,
    () => new LRUCache<string, { start: number; count: number }>({ max: 50_000 }),
  );
  return (key: string, now = Date.now()): number | null => {
    let w = windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    return w.count > limit ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) : null;
  };
}
