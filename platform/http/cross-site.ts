/**
 * True when a cookie-authenticated write comes from another site: the browser says so (`Sec-Fetch-Site`), or its
 * Origin names another host. Session cookies are SameSite=Lax already; this closes what older browsers leave open.
 * `header` reads a request header by its lower-case name.
 */
export function crossSiteBy(header: (name: string) => string | null | undefined): boolean {
  const site = header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = header("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host !== (header("x-forwarded-host") ?? header("host"));
  } catch {
    return true;
  }
}
