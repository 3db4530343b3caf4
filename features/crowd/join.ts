import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { enrol } from "@/features/annotation";
import { claimWorker, findOrCreateWorker, findWorker, workersCreatedFrom } from "@/features/users";
import type { Db } from "@/platform/db/client";
import { env } from "@/platform/env";
import { activeLink } from "./links";

const workerId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);
const optionalParam = z.string().max(200).optional();

type JoinRefusal =
  "invalid-link" | "missing-worker-id" | "disabled" | "claimed" | "other-session" | "too-many-joins";
export type JoinOutcome =
  | { ok: true; userId: string; studyId: number; newClaim: { userId: string; token: string } | null }
  | { ok: false; reason: JoinRefusal };

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/**
 * A crowd worker arriving on /join/<token>?PROLIFIC_PID=..&STUDY_ID=..&SESSION_ID=..: the link must be live and
 * name a worker id. The first browser to join as a worker claims the identity (a random token kept in a cookie;
 * its hash and the platform's session id are stored): the same worker id from another browser, or with another
 * session id, is refused, so nobody can take over a worker by reusing their id. An address creates at most
 * VERDICT_MAX_WORKERS_PER_ADDRESS identities an hour. `claims` are the claim tokens the browser holds, by user id.
 */
export async function joinByLink(
  db: Db,
  token: string,
  params: URLSearchParams,
  browser: { claims: Record<string, string>; client: string | null },
): Promise<JoinOutcome> {
  const link = await activeLink(db, token);
  if (!link) return { ok: false, reason: "invalid-link" };
  const worker = workerId.safeParse(params.get(link.workerParam));
  if (!worker.success) return { ok: false, reason: "missing-worker-id" };
  const externalId = `${link.workerParam}:${worker.data}`;
  let user = await findWorker(db, externalId);
  if (!user) {
    // A few made-up ids could otherwise each get a quota and lease open slots.
    const cap = env().VERDICT_MAX_WORKERS_PER_ADDRESS;
    if (cap > 0 && browser.client && (await workersCreatedFrom(db, browser.client)) >= cap) {
      return { ok: false, reason: "too-many-joins" };
    }
    user = await findOrCreateWorker(db, externalId, browser.client);
  }
  if (user.disabled) return { ok: false, reason: "disabled" };
  const meta: Record<string, string> = {};
  for (const name of [link.studyParam, link.sessionParam]) {
    const v = optionalParam.safeParse(params.get(name) ?? undefined);
    if (v.success && v.data) meta[name] = v.data;
  }
  const session = meta[link.sessionParam] ?? null;
  let newClaim: { userId: string; token: string } | null = null;
  if (user.claimHash) {
    const presented = browser.claims[user.id];
    if (!presented || hashOf(presented) !== user.claimHash) return { ok: false, reason: "claimed" };
    if (user.claimSession !== null && session !== user.claimSession)
      return { ok: false, reason: "other-session" };
  } else {
    const claim = randomBytes(24).toString("base64url");
    if (!(await claimWorker(db, { id: user.id, claimHash: hashOf(claim), session })))
      return { ok: false, reason: "claimed" };
    newClaim = { userId: user.id, token: claim };
  }
  await enrol(db, { studyId: link.studyId, userId: user.id, linkId: link.id, meta });
  return { ok: true, userId: user.id, studyId: link.studyId, newClaim };
}

/** The browser's claim tokens, from its cookie value (JSON by user id; anything malformed counts as none). */
export function parseClaims(cookie: string | undefined): Record<string, string> {
  try {
    const parsed = JSON.parse(Buffer.from(cookie ?? "", "base64url").toString("utf8")) as unknown;
    return z.record(z.string(), z.string().max(64)).parse(parsed);
  } catch {
    return {};
  }
}

/** The cookie value with a new claim added (the ten newest kept: one browser rarely holds more identities). */
export function withClaim(claims: Record<string, string>, claim: { userId: string; token: string }): string {
  const entries = Object.entries(claims).filter(([id]) => id !== claim.userId);
  entries.push([claim.userId, claim.token]);
  return Buffer.from(JSON.stringify(Object.fromEntries(entries.slice(-10))), "utf8").toString("base64url");
}
