import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataFolder, env, type Env } from "@/platform/env";

/**
 * AUTH_SECRET from the environment; required with DATABASE_URL (a real deployment). On the embedded default a
 * secret is generated once into the data folder so `npm start` works with no configuration.
 */
export function resolveAuthSecret(e: Env, log: (s: string) => void = console.log): string {
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.DATABASE_URL) {
    throw new Error(
      "AUTH_SECRET is required when DATABASE_URL is set. Generate one with: openssl rand -base64 32",
    );
  }
  const file = path.join(dataFolder(e), "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  log(`[verdict] generated AUTH_SECRET into ${file} (set AUTH_SECRET to use your own)`);
  return secret;
}

let cached: string | undefined;

/** The process's server secret (session cookies, crowd tickets, side order), resolved once. */
export function serverSecret(): string {
  cached ??= resolveAuthSecret(env());
  return cached;
}
