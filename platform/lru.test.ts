import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("keeps at most `capacity` entries, forgetting the least recently used", () => {
    const c = new LruCache<string, number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recent
    c.set("c", 3);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
    expect(c.size).toBe(2);
  });

  it("replaces a value without growing, and deletes", () => {
    const c = new LruCache<string, number>(2);
    c.set("a", 1);
    c.set("a", 5);
    expect(c.size).toBe(1);
    expect(c.get("a")).toBe(5);
    c.delete("a");
    expect(c.get("a")).toBeUndefined();
  });
});
