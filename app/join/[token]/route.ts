import { NextResponse } from "next/server";
import { joinByLink } from "@/features/crowd";
import { createTicket } from "@/features/users";
import { signIn } from "@/features/users/auth";
import { getDb } from "@/platform/db";
import { serverSecret } from "@/platform/secret";

/** Crowd entry: a live link and a worker id sign the worker in and start labelling; anything else explains why not. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(request.url);
  const fail = (reason: string) => NextResponse.redirect(new URL(`/join-error?reason=${reason}`, url), 303);
  const joined = await joinByLink(await getDb(), token, url.searchParams);
  if (!joined.ok) return fail(joined.reason);
  // Throws Next's redirect with the session cookie set.
  await signIn("crowd", {
    ticket: await createTicket(serverSecret(), joined.userId),
    redirectTo: `/annotate/${joined.studyId}`,
  });
  return fail("sign-in");
}
