import { describe, expect, it } from "vitest";
import { hasRole, safeCallbackPath } from "./policy";

describe("hasRole", () => {
  it("orders admin > researcher > annotator", () => {
    expect(hasRole("admin", "researcher")).toBe(true);
    expect(hasRole("researcher", "researcher")).toBe(true);
    expect(hasRole("researcher", "admin")).toBe(false);
    expect(hasRole("annotator", "researcher")).toBe(false);
    expect(hasRole(null, "annotator")).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it("keeps only the path of a callback URL", () => {
    expect(safeCallbackPath("/studies/x?tab=1")).toBe("/studies/x?tab=1");
    expect(safeCallbackPath("https://evil.example/steal")).toBe("/steal");
    expect(safeCallbackPath("//evil.example/x")).toBe("/x");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
  });
});
