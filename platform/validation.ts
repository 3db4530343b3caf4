import { z } from "zod";

/** The first problem of a failed zod parse, as a field path and a message (the one formatting everywhere). */
export function firstIssue(error: z.ZodError, fallbackField = "input"): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.map(String).join(".") || fallbackField, message: issue?.message ?? "invalid" };
}

const NUL = "\u0000";
const NO_NUL = "must not contain a NUL character (\\u0000)";

/** Text people send (names, notes, rationales, settings): Postgres cannot store a NUL character, so it is refused. */
export function text() {
  return z.string().refine((s) => !s.includes(NUL), NO_NUL);
}

/** The path of the first string holding a NUL anywhere inside a parsed JSON value or CSV record, or null. */
export function nulPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path.join(".") || "(value)" : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return [...path, k.replaceAll(NUL, "\\u0000")].join(".");
      const found = nulPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

export { NO_NUL };
