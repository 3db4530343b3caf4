import type { z } from "zod";

/** The first problem of a failed zod parse, as a field path and a message (the one formatting everywhere). */
export function firstIssue(error: z.ZodError, fallbackField = "input"): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.map(String).join(".") || fallbackField, message: issue?.message ?? "invalid" };
}
