import "server-only";
import { NextResponse } from "next/server";
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
import { parseJson, unauthenticated, withSessionUser } from "@/platform/http/route";

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
const notEnrolled = () =>
  NextResponse.json({ error: "You are not enrolled in this study." }, { status: 404 });

/**
 * Route handlers of the labelling API: a signed-in, enabled user (every role may annotate; else 401), enrolled
 * in the study of the URL (else 404), checked in one query; the JSON body parsed by `schema` when one is given
 * (else 400).
 */
export function annotatorRoute<S extends z.ZodType | null>(
  schema: S,
  handler: (args: Enrolled & { input: S extends z.ZodType ? z.output<S> : undefined }) => Promise<Response>,
) {
  return withSessionUser<{ params: Promise<{ studyId: string }> }>(
    async (req, { params, userId, session }) => {
      const db = await getDb();
      const access = await studyAccess(db, (await params).studyId, userId, session);
      if (access.kind === "no_user") return unauthenticated();
      if (access.kind === "not_enrolled") return notEnrolled();
      const ctx = { study: access.study, rules: access.rules, userId };
      if (!schema) return handler({ db, ctx, input: undefined as never });
      const parsed = await parseJson(req, schema);
      if (!parsed.ok) return parsed.response;
      return handler({ db, ctx, input: parsed.data as never });
    },
  );
}
