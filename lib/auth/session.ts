import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { users, type Role } from "@/db/schema";
import { hasRole } from "./policy";

export type CurrentUser = { id: string; email: string | null; name: string | null; role: Role };

/** The signed-in user, re-read from the database so a disabled account or a changed role takes effect at once. */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, id));
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages: anonymous visitors go to sign-in, users without the role get 403. */
export async function requirePageRole(role: Role, returnTo = "/"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
