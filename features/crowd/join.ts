import { z } from "zod";
import { enrol } from "@/features/annotation";
import { findOrCreateWorker } from "@/features/users";
import type { Db } from "@/platform/db/client";
import { activeLink } from "./links";

const workerId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);
const optionalParam = z.string().max(200).optional();

export type JoinOutcome =
  | { ok: true; userId: string; studyId: number }
  | { ok: false; reason: "invalid-link" | "missing-worker-id" | "disabled" };

/**
 * A crowd worker arriving on /join/<token>?PROLIFIC_PID=..&STUDY_ID=..&SESSION_ID=..: the link must be live and
 * name a worker id; the worker's identity is found or created and enrolled, with the platform's ids kept.
 */
export async function joinByLink(db: Db, token: string, params: URLSearchParams): Promise<JoinOutcome> {
  const link = await activeLink(db, token);
  if (!link) return { ok: false, reason: "invalid-link" };
  const worker = workerId.safeParse(params.get(link.workerParam));
  if (!worker.success) return { ok: false, reason: "missing-worker-id" };
  const user = await findOrCreateWorker(db, `${link.workerParam}:${worker.data}`);
  if (user.disabled) return { ok: false, reason: "disabled" };
  const meta: Record<string, string> = {};
  for (const name of [link.studyParam, link.sessionParam]) {
    const v = optionalParam.safeParse(params.get(name) ?? undefined);
    if (v.success && v.data) meta[name] = v.data;
  }
  await enrol(db, { studyId: link.studyId, userId: user.id, linkId: link.id, meta });
  return { ok: true, userId: user.id, studyId: link.studyId };
}
