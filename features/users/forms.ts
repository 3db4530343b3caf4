import { z } from "zod";

// Forms of the admin page that have no CLI twin (the CLI has no session to protect against disabling oneself).
const uuid = z.uuid("not a valid id");
export const setDisabledFormSchema = z.object({
  userId: uuid,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});
export const enrolFormSchema = z.object({ userId: uuid, studyId: z.coerce.number().int().positive() });
