import { z } from "zod";
import { emailSchema, passwordSchema, roleSchema } from "./schemas";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const uuid = z.uuid("not a valid id");

export const createUserFormSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
  password: z.preprocess(emptyToUndefined, passwordSchema.optional()),
  group: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
});

export const userIdFormSchema = z.object({ userId: uuid });
export const setDisabledFormSchema = z.object({ userId: uuid, disabled: z.enum(["true", "false"]).transform((v) => v === "true") });
export const enrolFormSchema = z.object({ userId: uuid, studyId: z.coerce.number().int().positive() });

export const studySettingsFormSchema = z.object({
  slug: z.string().min(1),
  overlapK: z.coerce.number().int().min(1, "at least 1").max(50),
  quota: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1, "at least 1").optional()),
  leaseMinutes: z.coerce.number().int().min(1).max(24 * 60),
  annotatorTitle: z.string().trim().min(1).max(200),
  guidelines: z.string().max(50_000),
  labelA: z.string().trim().min(1).max(100),
  labelTie: z.string().trim().min(1).max(100),
  labelB: z.string().trim().min(1).max(100),
});

const paramName = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "letters, digits and _ only");
export const createLinkFormSchema = z.object({
  slug: z.string().min(1),
  completionCode: z.preprocess(emptyToUndefined, z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - only").optional()),
  redirectUrl: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  workerParam: z.preprocess(emptyToUndefined, paramName.optional()),
  studyParam: z.preprocess(emptyToUndefined, paramName.optional()),
  sessionParam: z.preprocess(emptyToUndefined, paramName.optional()),
});
export const revokeLinkFormSchema = z.object({ linkId: z.coerce.number().int().positive() });
