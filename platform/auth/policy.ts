import type { Role } from "@/db/schema";

const rank: Record<Role, number> = { annotator: 1, researcher: 2, admin: 3 };

/** Roles are ordered: an admin may do what a researcher may, a researcher what an annotator may. */
export function hasRole(actual: Role | null | undefined, required: Role): boolean {
  return actual != null && rank[actual] >= rank[required];
}

/** Keeps only a same-site path from a callback URL, so sign-in can never redirect off-site. */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw) return "/";
  let candidate = raw;
  try {
    const url = new URL(raw, "http://verdict.invalid");
    candidate = url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
  return candidate;
}
