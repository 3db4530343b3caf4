import "server-only";
import type { z } from "zod";
import { getDb } from "@/platform/db";
import type { Db } from "@/platform/db/client";
import {
  annotatorAccess,
  type AnnotatorAccess,
  type AnnotatorStudy,
} from "@/features/annotation/queries/enrollments";
import type { StudyRules } from "@/features/annotation/queries/serving";
import { studyIdParam } from "@/features/annotation/schemas";
import {
  nodeRoute,
  parsedBody,
  reply,
  unauthenticatedReply,
  type JsonReply,
} from "@/platform/http/node-route";
import { sessionOfCookie } from "@/platform/auth/session";

/** The user's access to the study of a URL; a malformed study id is a study they are not enrolled in. */
async function studyAccess(
  db: Db,
  rawStudyId: string,
  userId: string,
  session?: { version: number; id: string },
): Promise<AnnotatorAccess> {
  const id = studyIdParam.safeParse(rawStudyId);
  return id.success ? annotatorAccess(db, { studyId: id.data, userId, session }) : { kind: "not_enrolled" };
}

/**
 * The study as an enrolled, enabled annotator sees it, or null when the id is malformed or they are not enrolled
 * (for pages, whose requirePageRole has checked the session already).
 */
export async function enrolledStudy(
  db: Db,
  rawStudyId: string,
  userId: string,
): Promise<{ study: AnnotatorStudy; rules: StudyRules } | null> {
  const access = await studyAccess(db, rawStudyId, userId);
  return access.kind === "enrolled" ? access : null;
}

type Enrolled = { db: Db; ctx: { study: AnnotatorStudy; rules: StudyRules; userId: string } };
const notEnrolled = () => reply({ error: "You are not enrolled in this study." }, 404);

/**
 * Handlers of the labelling API (Pages API routes under /api/annotate/[studyId]; see platform/http/node-route.ts
 * for why): a signed-in, enabled user with a live session (every role may annotate; else 401), enrolled in the
 * study of the URL (else 404), checked in one query; the JSON body parsed by `schema` when one is given (else 400
 * naming the field).
 */
export function annotatorApi<S extends z.ZodType | null>(
  method: "GET" | "POST",
  schema: S,
  handler: (args: Enrolled & { input: S extends z.ZodType ? z.output<S> : undefined }) => Promise<JsonReply>,
) {
  return nodeRoute({ methods: [method] }, async (request, body) => {
    const session = await sessionOfCookie(request.headers.cookie ?? "");
    if (!session) return { reply: unauthenticatedReply() };
    const userId = session.id;
    const rawStudyId = request.query?.studyId;
    const db = await getDb();
    const access = await studyAccess(db, typeof rawStudyId === "string" ? rawStudyId : "", userId, {
      version: session.sv,
      id: session.sid,
    });
    if (access.kind === "no_user") return { reply: unauthenticatedReply(), userId };
    if (access.kind === "not_enrolled") return { reply: notEnrolled(), userId };
    const ctx = { study: access.study, rules: access.rules, userId };
    if (!schema) return { reply: await handler({ db, ctx, input: undefined as never }), userId };
    const parsed = await parsedBody(body, schema);
    if (!parsed.ok) return { reply: parsed.reply, userId };
    return { reply: await handler({ db, ctx, input: parsed.data as never }), userId };
  });
}
