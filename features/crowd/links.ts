import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { studyIdBySlug } from "@/features/studies";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import type { NewLink } from "./schemas";
import { enrollments, studyLinks, type StudyLink } from "@/db/schema";
import { endSessions } from "@/features/users";

export async function createLink(
  db: Db,
  args: {
    studyId: number;
    completionCode?: string;
    redirectUrl?: string | null;
    workerParam?: string;
    studyParam?: string;
    sessionParam?: string;
  },
): Promise<StudyLink> {
  const [link] = await db
    .insert(studyLinks)
    .values({
      studyId: args.studyId,
      token: randomBytes(18).toString("base64url"),
      completionCode: args.completionCode || randomBytes(6).toString("hex").toUpperCase(),
      redirectUrl: args.redirectUrl || null,
      ...(args.workerParam ? { workerParam: args.workerParam } : {}),
      ...(args.studyParam ? { studyParam: args.studyParam } : {}),
      ...(args.sessionParam ? { sessionParam: args.sessionParam } : {}),
    })
    .returning();
  return link;
}

export async function activeLink(db: Db, token: string): Promise<StudyLink | null> {
  const [link] = await db
    .select()
    .from(studyLinks)
    .where(and(eq(studyLinks.token, token), isNull(studyLinks.revokedAt)));
  return link ?? null;
}

/** Revokes a link: nobody joins by it any more, and the sessions of the workers who joined by it end at once. */
export async function revokeLink(db: Db, args: { id: number }): Promise<void> {
  await db
    .update(studyLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(studyLinks.id, args.id), isNull(studyLinks.revokedAt)));
  const joined = await db
    .select({ id: enrollments.userId })
    .from(enrollments)
    .where(eq(enrollments.linkId, args.id));
  await endSessions(
    db,
    joined.map((j) => j.id),
  );
}

export async function linksOfStudy(db: Db, studyId: number): Promise<StudyLink[]> {
  return db.select().from(studyLinks).where(eq(studyLinks.studyId, studyId)).orderBy(studyLinks.id);
}

export function joinUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/join/${token}`;
}

/** A crowd link for the study named by slug (the web form and the CLI both come here). */
export async function createStudyLink(db: Db, input: NewLink): Promise<StudyLink> {
  const studyId = await studyIdBySlug(db, input.slug);
  if (!studyId) throw new AppError("no_study", input.slug);
  return createLink(db, {
    studyId,
    completionCode: input.completionCode,
    redirectUrl: input.redirectUrl,
    workerParam: input.workerParam,
    studyParam: input.studyParam,
    sessionParam: input.sessionParam,
  });
}

/** The URL to paste into Prolific, with its placeholders for the worker, study and session ids. */
export function prolificUrl(baseUrl: string, link: StudyLink): string {
  return `${joinUrl(baseUrl, link.token)}?${link.workerParam}={{%PROLIFIC_PID%}}&${link.studyParam}={{%STUDY_ID%}}&${link.sessionParam}={{%SESSION_ID%}}`;
}
