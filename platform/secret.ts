import { resolveAuthSecret } from "@/platform/auth-secret";

/** The server secret (set into the environment at startup; resolved here too for safety). */
export function serverSecret(): string {
  return process.env.AUTH_SECRET || resolveAuthSecret();
}
