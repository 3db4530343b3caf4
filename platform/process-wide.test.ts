import { describe, expect, it, vi } from "vitest";
import { processWide } from "./process-wide";

describe("processWide", () => {
  it("creates the value once and hands the same one to every caller", () => {
    const create = vi.fn(() => ({ n: 0 }));
    const a = processWide("test.once", create);
    const b = processWide("test.once", create);
    expect(a).toBe(b);
    expect(create).toHaveBeenCalledTimes(1);
    expect(processWide("test.other", () => ({ n: 1 }))).not.toBe(a);
  });

  it("is shared by two copies of a module, as the server's bundles hold them", async () => {
    const first = await import("./http/rate-limit");
    vi.resetModules();
    const second = await import("./http/rate-limit");
    expect(second.rateLimiter).not.toBe(first.rateLimiter);
    const limitA = first.rateLimiter("test.copies", 2, 60_000);
    const limitB = second.rateLimiter("test.copies", 2, 60_000);
    expect(limitA("k", 0)).toBeNull();
    expect(limitB("k", 1)).toBeNull();
    // The third request of the window is refused, whichever copy counts it.
    expect(limitA("k", 2)).toBe(60);
  });
});
