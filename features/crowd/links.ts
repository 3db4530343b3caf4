import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/platform/db/client";
import { studies, studyLinks, type StudyLink } from "@/db/schema";

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

export async function revokeLink(db: Db, args: { id: number }): Promise<void> {
  await db.update(studyLinks).set({ revokedAt: new Date() }).where(and(eq(studyLinks.id, args.id), isNull(studyLinks.revokedAt)));
}

export async function linksOfStudy(db: Db, studyId: number): Promise<StudyLink[]> {
  return db.select().from(studyLinks).where(eq(studyLinks.studyId, studyId)).orderBy(studyLinks.id);
}

export async function studyIdBySlug(db: Db, slug: string): Promise<number | null> {
  const [s] = await db.select({ id: studies.id }).from(studies).where(eq(studies.slug, slug));
  return s?.id ?? null;
}

export function joinUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/join/${token}`;
}
