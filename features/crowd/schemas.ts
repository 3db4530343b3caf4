import { z } from "zod";

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const paramName = z.string().regex(/^[A-Za-z0-9_]{1,40}$/, "letters, digits and _ only");

/** A new crowd link: the one schema the study page's form and `cli links create` both parse. */
export const createLinkSchema = z.object({
  slug: z.string().trim().min(1, "required"),
  completionCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - only")
      .optional(),
  ),
  redirectUrl: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  workerParam: z.preprocess(blankToUndefined, paramName.optional()),
  studyParam: z.preprocess(blankToUndefined, paramName.optional()),
  sessionParam: z.preprocess(blankToUndefined, paramName.optional()),
});
export type NewLink = z.output<typeof createLinkSchema>;

export const revokeLinkSchema = z.object({ linkId: z.coerce.number().int().positive() });
