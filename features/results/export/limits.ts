import { env } from "@/platform/env";
import { processWide } from "@/platform/process-wide";

/**
 * Exports are long reads: without limits, twenty at once took every pooled connection from labelling, and stalled
 * readers each held a batch in memory (60 reached 1.75 GB). Each instance runs at most MAX_EXPORTS at once (one
 * connection each, at most half the pool, so labelling always has connections), at most MAX_PER_USER per user,
 * and ends an export whose reader has not asked for data for IDLE_MS.
 */
export const MAX_EXPORTS = Math.max(1, Math.min(4, Math.floor(env().DATABASE_POOL_SIZE / 2)));
export const MAX_PER_USER = 2;
const IDLE_MS = 60_000;

// Counted per process, not per copy of this module (each export route's bundle has one).
const slots = processWide("export-slots", () => ({ running: 0, perUser: new Map<string, number>() }));

/** A slot for one export (its release function), or null when the caps are reached (answer 429). */
export function acquireExportSlot(userId: string): (() => void) | null {
  const { perUser } = slots;
  const mine = perUser.get(userId) ?? 0;
  if (slots.running >= MAX_EXPORTS || mine >= MAX_PER_USER) return null;
  slots.running++;
  perUser.set(userId, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    slots.running--;
    const left = (perUser.get(userId) ?? 1) - 1;
    if (left > 0) perUser.set(userId, left);
    else perUser.delete(userId);
  };
}

/**
 * The export's stream, releasing its slot when it ends, fails, is cancelled (the client went away) or its reader
 * stalls for `idleMs`. Data is pulled from the source only when the reader asks (no buffering beyond one chunk).
 */
export function releasingStream(
  source: ReadableStream<Uint8Array>,
  release: () => void,
  idleMs = IDLE_MS,
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    clearTimeout(idle);
    release();
  };
  let rearm = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        rearm = () => {
          clearTimeout(idle);
          idle = setTimeout(() => {
            void reader.cancel("reader stalled").catch(() => {});
            controller.error(new Error("export ended: the reader stopped reading"));
            finish();
          }, idleMs);
          idle.unref?.();
        };
        rearm();
      },
      async pull(controller) {
        rearm();
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            finish();
          } else controller.enqueue(value);
        } catch (err) {
          controller.error(err);
          finish();
        }
      },
      async cancel(reason) {
        finish();
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
