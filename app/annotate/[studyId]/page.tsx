import { notFound } from "next/navigation";
import { Annotator } from "@/features/annotation/ui/annotator";
import { getDb } from "@/platform/db";
import { requirePageRole } from "@/platform/auth/session";
import { renderMarkdown } from "@/platform/markdown";
import { annotationState, enrolledStudy } from "@/features/annotation/server";

export const metadata = { title: "Verdict · labelling" };

export default async function AnnotatePage({ params }: { params: Promise<{ studyId: string }> }) {
  const { studyId } = await params;
  const user = await requirePageRole("annotator", `/annotate/${encodeURIComponent(studyId)}`);
  const db = await getDb();
  const ctx = await enrolledStudy(db, studyId, user.id);
  if (!ctx) notFound();
  const initial = await annotationState(db, { ...ctx, userId: user.id });
  return (
    <Annotator
      studyId={ctx.study.id}
      title={ctx.study.title}
      labels={ctx.study.labels}
      scale={ctx.study.scale}
      guidelinesHtml={renderMarkdown(ctx.study.guidelines)}
      rationaleRequired={ctx.study.rationaleRequired}
      initial={initial}
    />
  );
}
