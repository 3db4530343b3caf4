import Link from "next/link";
import { signOutAction } from "@/features/users/sign-out-action";
import { currentUser } from "@/platform/auth/session";
import { hasRole } from "@/platform/auth/policy";
import { ThemeToggle, type Theme } from "@/platform/ui/theme-toggle";

// Display only (pages check access themselves), but read fresh like every check: links a user can no longer use
// (a changed role, an ended session) are not shown.
export async function SiteHeader({ theme }: { theme: Theme }) {
  const user = await currentUser();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Verdict
        </Link>
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          {user && hasRole(user.role, "researcher") ? (
            <>
              <Link href="/studies/new" className="hover:underline" data-testid="nav-new-study">
                New study
              </Link>
              <Link href="/settings" className="hover:underline" data-testid="nav-settings">
                API tokens
              </Link>
            </>
          ) : null}
          {user?.role === "admin" ? (
            <Link href="/admin/users" className="hover:underline" data-testid="nav-users">
              Users
            </Link>
          ) : null}
          <ThemeToggle initial={theme} />
          {user ? (
            <>
              <span data-testid="current-user" className="break-all">
                {user.email ?? user.name} · {user.role}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded px-2 py-1 hover:bg-slate-100" data-testid="sign-out">
                  Sign out
                </button>
              </form>
            </>
          ) : null}
        </nav>
      </div>
    </header>
  );
}
