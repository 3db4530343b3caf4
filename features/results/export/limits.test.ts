import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { acquireExportSlot, MAX_EXPORTS, MAX_PER_USER, releasingStream } from "./limits";

function endless(): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

describe("export limits", () => {
  it("caps exports per user and per instance, and frees a slot on release", () => {
    const mine = Array.from({ length: MAX_PER_USER }, () => acquireExportSlot("u1"));
    expect(mine.every(Boolean)).toBe(true);
    expect(acquireExportSlot("u1")).toBeNull();
    const others = Array.from({ length: MAX_EXPORTS - MAX_PER_USER }, (_, i) =>
      acquireExportSlot(`u${i + 2}`),
    );
    expect(others.every(Boolean)).toBe(true);
    expect(acquireExportSlot("someone-else")).toBeNull();
    mine[0]!();
    mine[0]!(); // releasing twice frees one slot only
    expect(acquireExportSlot("u1")).not.toBeNull();
    expect(acquireExportSlot("u9")).toBeNull();
  });

  it("pulls from the source only as the reader reads, and ends a stalled export, freeing its slot", async () => {
    const source = endless();
    let released = 0;
    const out = releasingStream(source.stream, () => released++, 200);
    const reader = out.getReader();
    await reader.read();
    await reader.read();
    await sleep(50);
    expect(source.pulls()).toBeLessThanOrEqual(3); // no read-ahead beyond what was asked
    await sleep(300);
    expect(source.cancelled()).toBe(true);
    expect(released).toBe(1);
    await expect(reader.read()).rejects.toThrow(/stopped reading/);
  });

  it("frees the slot when the client goes away or the export ends", async () => {
    let released = 0;
    const gone = releasingStream(endless().stream, () => released++, 10_000);
    await gone.cancel("client closed");
    expect(released).toBe(1);
    const done = releasingStream(new Response("a,b\r\n").body!, () => released++, 10_000);
    expect(await new Response(done).text()).toBe("a,b\r\n");
    expect(released).toBe(2);
  });
});
