import { describe, expect, it } from "vitest";
import { rateLimiter } from "./rate-limit";

describe("rateLimiter", () => {
  it("allows `limit` requests per window and names the seconds left after", () => {
    const limit = rateLimiter("test.window", 3, 60_000);
    expect([limit("t", 0), limit("t", 1), limit("t", 2)]).toEqual([null, null, null]);
    expect(limit("t", 30_000)).toBe(30); // 30 s left of the window that started at 0
    expect(limit("other", 30_000)).toBeNull(); // keys are counted apart
    expect(limit("t", 60_000)).toBeNull(); // a new window
  });
});
