import { NextResponse, type NextRequest } from "next/server";
import { renewedSessionCookie } from "@/platform/auth/renew";
import { env } from "@/platform/env";

// Redirects visitors without a session cookie (pages check the session themselves), gives every request an id,
// and sets a per-request nonce Content-Security-Policy so no inline script runs without it.
// The scripting API (/api/v1) checks its bearer tokens itself and never reads the session cookie.
const PUBLIC = [
  /^\/signin/,
  /^\/api\/auth\//,
  /^\/api\/health/,
  /^\/api\/v1\//,
  /^\/join\//,
  /^\/join-error/,
];
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function contentSecurityPolicy(nonce: string): string {
  const dev = env().NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const requestId = request.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const isPublic = PUBLIC.some((re) => re.test(pathname));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));

  let response: NextResponse;
  if (isPublic || hasSession) {
    const headers = new Headers(request.headers);
    headers.set("x-request-id", requestId);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  } else if (pathname.startsWith("/api/")) {
    response = NextResponse.json({ error: "sign in first" }, { status: 401 });
  } else {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  }
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  // Over HTTPS (directly or behind a proxy that says so), browsers must never come back over plain HTTP.
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  // Sliding expiry: a page visit renews a session issued more than a day ago (the labelling API stays lean).
  if (hasSession && !pathname.startsWith("/api/")) {
    const renewed = await renewedSessionCookie(request.headers.get("cookie") ?? "");
    if (renewed) {
      response.cookies.set(renewed.name, renewed.value, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: renewed.secure,
        maxAge: renewed.maxAge,
      });
    }
  }
  return response;
}

// The labelling API (/api/annotate/) is not matched: its Pages API routes check the session, set a request id and a
// restrictive CSP themselves, at a fraction of the proxy's cost per request (platform/http/node-route.ts).
export const config = {
  matcher: ["/((?!api/annotate/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
