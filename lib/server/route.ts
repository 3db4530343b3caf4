import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import type { Role } from "@/db/schema";
import { currentUser, type CurrentUser } from "@/lib/auth/session";
import { hasRole } from "@/lib/auth/policy";

type Handler<C> = (request: Request, ctx: C & { user: CurrentUser }) => Promise<Response>;

/** The one wrapper for route handlers: 401 without a session, 403 without the role. */
export function withRole<C extends object>(role: Role, handler: Handler<C>) {
  return async (request: Request, ctx: C): Promise<Response> => {
    const user = await currentUser();
    if (!user) return NextResponse.json({ error: "sign in first" }, { status: 401 });
    if (!hasRole(user.role, role)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
    return handler(request, { ...ctx, user });
  };
}

/** Parses a JSON body with a zod schema; a bad body gets a 400 naming the first field at fault. */
export async function parseJson<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: NextResponse.json({ error: "body must be JSON" }, { status: 400 }) };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue.path.join(".") || "body";
  return { ok: false, response: NextResponse.json({ error: `${field}: ${issue.message}` }, { status: 400 }) };
}
