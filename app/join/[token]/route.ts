import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { activeLink, joinByLink, parseClaims, withClaim } from "@/features/crowd";
import { clientAddress, createTicket } from "@/features/users";
import { signIn } from "@/features/users/auth";
import { currentUser } from "@/platform/auth/session";
import { getDb } from "@/platform/db";
import { serverSecret } from "@/platform/secret";

const CLAIMS_COOKIE = "verdict-worker-claims";
// Relative: the request's own URL names the server's configured host, which may not be the one the browser used
// (its cookies belong to that one).
const redirect = (path: string) => new Response(null, { status: 303, headers: { Location: path } });

/** Crowd entry: a live link and a worker id sign the worker in and start labelling; anything else explains why not. */
async function join(request: Request, token: string, confirmed: boolean): Promise<Response> {
  const url = new URL(request.url);
  const db = await getDb();
  if (!(await activeLink(db, token))) return redirect("/join-error?reason=invalid-link");
  // Someone signed in with an account (a researcher trying the link) is asked first, before anything is created:
  // joining replaces their session with the participant's.
  const signedIn = confirmed ? null : await currentUser();
  if (signedIn?.email) return redirect(`/join/${encodeURIComponent(token)}/confirm${url.search}`);
  const jar = await cookies();
  const claims = parseClaims(jar.get(CLAIMS_COOKIE)?.value);
  const joined = await joinByLink(db, token, url.searchParams, {
    claims,
    client: clientAddress(request.headers),
  });
  if (!joined.ok) return redirect(`/join-error?reason=${joined.reason}`);
  if (joined.newClaim) {
    // This browser now holds the worker's identity; nobody else can join as them.
    jar.set(CLAIMS_COOKIE, withClaim(claims, joined.newClaim), {
      httpOnly: true,
      sameSite: "lax",
      path: "/join",
      secure: url.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
      maxAge: 60 * 24 * 3600,
    });
  }
  // Throws Next's redirect with the session cookie set.
  await signIn("crowd", {
    ticket: await createTicket(serverSecret(), joined.userId),
    redirectTo: `/annotate/${joined.studyId}`,
  });
  return redirect("/join-error?reason=sign-in");
}

export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return join(request, (await params).token, false);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** The confirmation page's form: same-origin only, so another site cannot swap a researcher's session. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  // Browsers say where a request comes from in Sec-Fetch-Site; Origin is "null" under this app's no-referrer policy.
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const sameOrigin = site ? site === "same-origin" : !!origin && !!host && hostOf(origin) === host;
  if (!sameOrigin) return NextResponse.json({ error: "cross-site request refused" }, { status: 403 });
  return join(request, (await params).token, true);
}
