import { NextResponse } from "next/server";
import { z } from "zod";
import { signIn } from "@/features/users/auth";
import { getDb } from "@/platform/db";
import { enrol } from "@/features/annotation/queries/enrollments";
import { activeLink } from "@/features/crowd/links";
import { findOrCreateWorker } from "@/features/users/queries";
import { createTicket } from "@/features/users/ticket";
import { serverSecret } from "@/platform/secret";

const workerId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/);
const optionalParam = z.string().max(200).optional();

/** Crowd entry: /join/<token>?PROLIFIC_PID=..&STUDY_ID=..&SESSION_ID=.. signs the worker in and starts labelling. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(request.url);
  const fail = (reason: string) => NextResponse.redirect(new URL(`/join-error?reason=${reason}`, url), 303);
  const db = await getDb();
  const link = await activeLink(db, token);
  if (!link) return fail("invalid-link");
  const worker = workerId.safeParse(url.searchParams.get(link.workerParam));
  if (!worker.success) return fail("missing-worker-id");
  const user = await findOrCreateWorker(db, `${link.workerParam}:${worker.data}`);
  if (user.disabled) return fail("disabled");
  const meta: Record<string, string> = {};
  for (const name of [link.studyParam, link.sessionParam]) {
    const v = optionalParam.safeParse(url.searchParams.get(name) ?? undefined);
    if (v.success && v.data) meta[name] = v.data;
  }
  await enrol(db, { studyId: link.studyId, userId: user.id, linkId: link.id, meta });
  // Throws Next's redirect with the session cookie set.
  await signIn("crowd", { ticket: createTicket(serverSecret(), user.id), redirectTo: `/annotate/${link.studyId}` });
  return fail("sign-in");
}
