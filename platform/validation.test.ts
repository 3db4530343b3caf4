import { describe, expect, it } from "vitest";
import { passItemSchema, submitVerdictSchema } from "@/features/annotation/schemas";
import { studySettingsSchema } from "@/features/studies/settings";
import { addUserSchema } from "@/features/users/manage";
import { firstIssue, nulPath } from "./validation";

const NUL = "\u0000";

describe("NUL characters are refused field by field (Postgres cannot store them: they were 500s)", () => {
  it("in a verdict's rationale, a flag note, a user's name and group, and study settings", () => {
    const token = "3f1b2c4d-0000-4000-8000-000000000000";
    const cases = [
      [
        submitVerdictSchema,
        { token, choice: "A", requestId: "request-1", rationale: `a${NUL}` },
        "rationale",
      ],
      [passItemSchema, { token, flag: { reason: "other", note: `n${NUL}` } }, "flag.note"],
      [addUserSchema, { email: "x@example.org", role: "annotator", name: `Ann${NUL}` }, "name"],
      [addUserSchema, { email: "x@example.org", role: "annotator", group: `g${NUL}` }, "group"],
      [studySettingsSchema, { slug: "s", guidelines: `## x${NUL}` }, "guidelines"],
    ] as const;
    for (const [schema, input, field] of cases) {
      const parsed = schema.safeParse(input);
      expect(parsed.success, field).toBe(false);
      if (!parsed.success)
        expect(firstIssue(parsed.error)).toEqual({
          field,
          message: "must not contain a NUL character (\\u0000)",
        });
    }
  });
  it("finds the path of a NUL anywhere in a parsed record", () => {
    expect(nulPath({ a: "ok", b: [{ c: `x${NUL}` }] })).toBe("b.0.c");
    expect(nulPath({ [`k${NUL}`]: "v" })).toBe("k\\u0000");
    expect(nulPath({ a: 1, b: null, c: ["fine"] })).toBeNull();
  });
});
