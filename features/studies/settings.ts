import { eq } from "drizzle-orm";
import { z } from "zod";
import { studies, type Study } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { text } from "@/platform/validation";
import { applyLeakPolicy } from "@/features/annotation";

const label = text().trim().min(1, "must not be empty").max(100, "at most 100 characters");

const share = (max: number) =>
  z.coerce.number("a share such as 0.1").min(0, "at least 0").max(max, `at most ${max}`).optional();
const onOff = z
  .union([z.boolean(), z.enum(["on", "off"], { error: "on or off" }).transform((v) => v === "on")])
  .optional();

/** Quality control (all off by default): checks, repeats, practice, the rules, leaks, rationales. */
const qualitySettings = {
  checkRate: share(0.5),
  repeatRate: share(0.5),
  practiceItems: z.coerce
    .number()
    .int("a whole number")
    .min(0, "at least 0")
    .max(50, "at most 50")
    .optional(),
  qcMinChecks: z.coerce.number().int("a whole number").min(1, "at least 1").max(1000).optional(),
  qcMinAccuracy: share(1),
  qcMinSeconds: z.coerce.number().int("a whole number").min(0, "at least 0").max(3600).optional(),
  qcMaxFastShare: share(1),
  stoppedGetsCode: onOff,
  rationaleRequired: onOff,
  leakPolicy: z.enum(["serve", "mask", "hold_out"], { error: "serve, mask or hold_out" }).optional(),
};

/**
 * A change of a study's settings: the one schema the study page's form and `cli studies set` both parse, each
 * field optional (only the given ones change). `quota` null or "none" removes the quota.
 */
export const studySettingsSchema = z
  .object({
    slug: z.string().trim().min(1, "required"),
    title: text().trim().min(1, "must not be empty").max(200).optional(),
    overlapK: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "at least 1")
      .max(50, "at most 50")
      .optional(),
    quota: z
      .union([
        z.literal("none").transform(() => null),
        z.null(),
        z.coerce.number().int("must be a whole number").min(1, "at least 1"),
      ])
      .optional(),
    leaseMinutes: z.coerce
      .number()
      .int("must be a whole number")
      .min(1, "at least 1")
      .max(24 * 60, "at most 1440")
      .optional(),
    onePerPrompt: z
      .union([z.boolean(), z.enum(["on", "off"], { error: "on or off" }).transform((v) => v === "on")])
      .optional(),
    annotatorTitle: text().trim().min(1, "must not be empty").max(200).optional(),
    guidelines: text().max(50_000, "at most 50,000 characters").optional(),
    verdictLabels: z
      .tuple([label, label, label], { error: "give three labels: A better, neither, B better" })
      .optional(),
    pairOrder: z.enum(["balanced", "uncertain"], { error: "balanced or uncertain" }).optional(),
    ...qualitySettings,
  })
  .refine((v) => Object.keys(v).some((k) => k !== "slug" && v[k as keyof typeof v] !== undefined), {
    message: "give at least one setting to change",
    path: ["settings"],
  });
export type StudySettings = z.output<typeof studySettingsSchema>;

/** Applies a settings change; an unknown study is the `no_study` error. */
export async function changeStudySettings(db: Db, input: StudySettings): Promise<Study> {
  const { slug, leaseMinutes, ...rest } = input;
  const values: Partial<typeof studies.$inferInsert> = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) (values as Record<string, unknown>)[k] = v;
  if (leaseMinutes !== undefined) values.leaseSeconds = leaseMinutes * 60;
  if (input.pairOrder !== undefined) {
    const [current] = await db.select({ design: studies.design }).from(studies).where(eq(studies.slug, slug));
    if (current && current.design !== "all_pairs") throw new AppError("not_all_pairs", slug);
  }
  const [study] = await db.update(studies).set(values).where(eq(studies.slug, slug)).returning();
  if (!study) throw new AppError("no_study", slug);
  if (input.leakPolicy !== undefined) await applyLeakPolicy(db, study.id);
  return study;
}

/** The study page's form: three label inputs and a blank quota meaning none, onto the shared schema. */
export const studySettingsFormSchema = z.preprocess((raw) => {
  const form = raw as Record<string, unknown>;
  const { labelA, labelTie, labelB, quota, onePerPrompt, stoppedGetsCode, rationaleRequired, ...rest } = form;
  return {
    ...rest,
    quota: quota === "" || quota === undefined ? "none" : quota,
    verdictLabels: [labelA, labelTie, labelB],
    // An unticked checkbox sends nothing.
    onePerPrompt: onePerPrompt === "on",
    stoppedGetsCode: stoppedGetsCode === "on",
    rationaleRequired: rationaleRequired === "on",
  };
}, studySettingsSchema);

/** A study's slug: its name in URLs and commands. */
export const slugSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    "letters, digits, - and _ only, at most 64, starting with a letter or digit",
  );
