import "server-only";
import { headers } from "next/headers";

/** Public base URL: VERDICT_BASE_URL when set (behind a proxy), else what the request was addressed to. */
export async function baseUrl(): Promise<string> {
  if (process.env.VERDICT_BASE_URL) return process.env.VERDICT_BASE_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
