import { z } from "zod";
import { text } from "@/platform/validation";

const roleSchema = z.enum(["admin", "researcher", "annotator"]);
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("not a valid email address"));
export const passwordSchema = z.string().min(10, "must be at least 10 characters").max(200);

export const newUserSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  password: passwordSchema.optional(),
  name: text().trim().max(200).optional(),
  group: text().trim().max(100).optional(),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "enter your password").max(200),
});
