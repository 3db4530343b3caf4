import "server-only";
import { headers } from "next/headers";
import { env } from "@/platform/env";

/** Public base URL: VERDICT_BASE_URL when set (behind a proxy), else what the request was addressed to. */
export async function baseUrl(): Promise<string> {
  const configured = env().VERDICT_BASE_URL;
  if (configured) return configured.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? "http";
  return `${proto}://${host}`;
}
