import { redirect } from "next/navigation";
import { SignInForm } from "@/features/users/ui/sign-in-form";
import { safeCallbackPath } from "@/platform/auth/policy";
import { currentUser } from "@/platform/auth/session";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  // Read fresh: an ended session must see the form, not bounce between here and the page that sent it.
  if (await currentUser()) redirect(target);
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-600">Pairwise preference evaluation of model responses.</p>
      <SignInForm callbackUrl={target} />
    </div>
  );
}
