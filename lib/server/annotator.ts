import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { getDb } from "@/db";
import type { Db } from "@/db/client";
import { studyRules, type StudyRules } from "@/db/queries/assignments";
import { annotatorStudy, type AnnotatorStudy } from "@/db/queries/enrollments";
import type { CurrentUser } from "@/lib/auth/session";
import { studyIdParam } from "@/lib/validations/annotation";
import { parseJson, withRole } from "./route";

/** The study as an enrolled annotator sees it, or null when the id is malformed or they are not enrolled. */
export async function enrolledStudy(
  db: Db,
  rawStudyId: string,
  userId: string,
): Promise<{ study: AnnotatorStudy; rules: StudyRules } | null> {
  const id = studyIdParam.safeParse(rawStudyId);
  if (!id.success) return null;
  const study = await annotatorStudy(db, { studyId: id.data, userId });
  const rules = study ? await studyRules(db, id.data) : null;
  return study && rules ? { study, rules } : null;
}

type Enrolled = { db: Db; user: CurrentUser; ctx: { study: AnnotatorStudy; rules: StudyRules; userId: string } };

/**
 * Route handlers of the labelling API: a signed-in annotator (withRole), enrolled in the study of the URL
 * (else 404), with the JSON body parsed by `schema` when one is given (else 400).
 */
export function annotatorRoute<S extends z.ZodType | null>(
  schema: S,
  handler: (args: Enrolled & { input: S extends z.ZodType ? z.output<S> : undefined }) => Promise<Response>,
) {
  return withRole<{ params: Promise<{ studyId: string }> }>("annotator", async (req, { params, user }) => {
    const db = await getDb();
    const enrolled = await enrolledStudy(db, (await params).studyId, user.id);
    if (!enrolled) return NextResponse.json({ error: "You are not enrolled in this study." }, { status: 404 });
    const ctx = { ...enrolled, userId: user.id };
    if (!schema) return handler({ db, user, ctx, input: undefined as never });
    const parsed = await parseJson(req, schema);
    if (!parsed.ok) return parsed.response;
    return handler({ db, user, ctx, input: parsed.data as never });
  });
}
