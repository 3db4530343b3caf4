import { describe, expect, it } from "vitest";
import { actionForKey } from "./use-keys";

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("the labelling page's keyboard map", () => {
  it("votes with 1/2/3 and ←/→; ↓ and ↑ never vote (they scroll)", () => {
    expect(actionForKey(key("1"), null)).toEqual({ kind: "choose", arg: "A" });
    expect(actionForKey(key("ArrowLeft"), null)).toEqual({ kind: "choose", arg: "A" });
    expect(actionForKey(key("2"), null)).toEqual({ kind: "choose", arg: "tie" });
    expect(actionForKey(key("3"), null)).toEqual({ kind: "choose", arg: "B" });
    expect(actionForKey(key("ArrowRight"), null)).toEqual({ kind: "choose", arg: "B" });
    expect(actionForKey(key("ArrowDown"), null)).toBeNull();
    expect(actionForKey(key("ArrowUp"), null)).toBeNull();
  });
  it("rates 1..n on a scale and nothing past it", () => {
    expect(actionForKey(key("3"), 3)).toEqual({ kind: "rate", arg: 2 });
    expect(actionForKey(key("4"), 3)).toBeNull();
    expect(actionForKey(key("ArrowLeft"), 3)).toBeNull();
  });
  it("S skips, U and Ctrl+Z undo, F flags, G guidelines, ? the map, R the rationale; other modifiers do nothing", () => {
    expect(actionForKey(key("s"), null)?.kind).toBe("skip");
    expect(actionForKey(key("U"), null)?.kind).toBe("undo");
    expect(actionForKey(key("z", { ctrlKey: true }), null)?.kind).toBe("undo");
    expect(actionForKey(key("z", { metaKey: true }), 3)?.kind).toBe("undo");
    expect(actionForKey(key("f"), null)?.kind).toBe("flag");
    expect(actionForKey(key("g"), 3)?.kind).toBe("guidelines");
    expect(actionForKey(key("?"), null)?.kind).toBe("keymap");
    expect(actionForKey(key("r"), null)?.kind).toBe("rationale");
    expect(actionForKey(key("1", { ctrlKey: true }), null)).toBeNull();
    expect(actionForKey(key("s", { altKey: true }), null)).toBeNull();
  });
});
