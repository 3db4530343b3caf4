import Link from "next/link";
import { signOutAction } from "@/features/users/sign-out-action";
import { currentUser } from "@/platform/auth/session";

// Display only (pages check access themselves), but read fresh like every check: links a user can no longer use
// (a changed role, an ended session) are not shown.
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Verdict
        </Link>
        {user ? (
          <div className="flex items-center gap-4 text-sm text-slate-600">
            {user.role === "admin" ? (
              <Link href="/admin/users" className="hover:underline" data-testid="nav-users">
                Users
              </Link>
            ) : null}
            <span data-testid="current-user">
              {user.email ?? user.name} · {user.role}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded px-2 py-1 hover:bg-slate-100" data-testid="sign-out">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
