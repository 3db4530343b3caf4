import Link from "next/link";
import { signOutAction } from "@/features/users/sign-out-action";
import { auth } from "@/features/users/auth";

// Display only: pages check access themselves.
export async function SiteHeader() {
  const session = await auth();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Verdict
        </Link>
        {session?.user ? (
          <div className="flex items-center gap-4 text-sm text-slate-600">
            {session.user.role === "admin" ? (
              <Link href="/admin/users" className="hover:underline" data-testid="nav-users">
                Users
              </Link>
            ) : null}
            <span data-testid="current-user">
              {session.user.email ?? session.user.name} · {session.user.role}
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
