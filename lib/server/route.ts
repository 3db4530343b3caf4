import "server-only";
import { NextResponse } from "next/server";
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
