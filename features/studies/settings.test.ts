import { describe, expect, it } from "vitest";
import { studySettingsFormSchema, studySettingsSchema } from "./settings";

const form = {
  slug: "s",
  overlapK: "2",
  quota: "",
  leaseMinutes: "10",
  annotatorTitle: "Compare",
  guidelines: "",
  labelA: "A",
  labelTie: "=",
  labelB: "B",
};

describe("study settings", () => {
  it("reads the page's form: blank quota is none, labels in order, an unticked checkbox is off", () => {
    expect(studySettingsFormSchema.parse(form)).toMatchObject({
      overlapK: 2,
      quota: null,
      verdictLabels: ["A", "=", "B"],
      onePerPrompt: false,
    });
    expect(studySettingsFormSchema.parse({ ...form, onePerPrompt: "on" }).onePerPrompt).toBe(true);
  });
  it("reads the CLI's partial change: only what is given, on/off for the prompt rule, at least one setting", () => {
    expect(studySettingsSchema.parse({ slug: "s", onePerPrompt: "off" })).toEqual({
      slug: "s",
      onePerPrompt: false,
    });
    expect(studySettingsSchema.safeParse({ slug: "s", onePerPrompt: "maybe" }).success).toBe(false);
    expect(studySettingsSchema.safeParse({ slug: "s" }).error?.issues[0].message).toBe(
      "give at least one setting to change",
    );
  });
});
