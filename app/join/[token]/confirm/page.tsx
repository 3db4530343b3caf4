import Link from "next/link";
import { currentUser } from "@/platform/auth/session";

export const metadata = { title: "Verdict · join a study" };

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** Asked of someone signed in with an account who opens a crowd link: joining would end that session. */
export default async function JoinConfirmPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") query.set(k, v);
  const user = await currentUser();
  return (
    <div
      className="mx-auto mt-12 max-w-md rounded-lg border border-slate-200 bg-white p-6"
      data-testid="join-confirm"
    >
      <h1 className="text-lg font-semibold">Join as a study participant?</h1>
      <p className="mt-2 text-slate-600">
        {user?.email ? `You are signed in as ${user.email}. ` : ""}
        Continuing signs you out of your account and starts the study as a participant.
      </p>
      <form
        method="post"
        action={`/join/${encodeURIComponent(token)}?${query.toString()}`}
        className="mt-4 flex gap-3"
      >
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 text-white">
          Continue as participant
        </button>
        <Link href="/" className="rounded border border-slate-300 px-3 py-1.5">
          Stay signed in
        </Link>
      </form>
    </div>
  );
}
