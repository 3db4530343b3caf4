import "server-only";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { currentUser, type CurrentUser } from "@/platform/auth/session";
import { hasRole } from "@/platform/auth/policy";
import { isAppError } from "@/platform/errors";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/**
 * The one wrapper for server actions: parses input with `schema`, checks the session and role itself
 * (role `null` = public), then calls `fn`. Accepts FormData or a plain object.
 */
export function action<S extends z.ZodType, T>(
  role: Role | null,
  schema: S,
  fn: (input: z.output<S>, user: CurrentUser | null) => Promise<T>,
) {
  return async (_prev: unknown, raw: FormData | unknown): Promise<ActionResult<T>> => {
    const user = role ? await currentUser() : null;
    if (role && !user) return { ok: false, error: "Your session has ended. Sign in again." };
    if (role && !hasRole(user!.role, role)) return { ok: false, error: "You are not allowed to do this." };
    const input = raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
      return { ok: false, error: "Please correct the highlighted fields.", fieldErrors };
    }
    try {
      return { ok: true, data: await fn(parsed.data, user) };
    } catch (err) {
      // A refusal the data layer names (no such study, a judge name taken...) is shown on the form, not a crash.
      if (isAppError(err)) return { ok: false, error: err.message };
      throw err;
    }
  };
}
