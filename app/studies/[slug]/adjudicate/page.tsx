import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { judgeDisagreements } from "@/features/results";
import { AdjudicationView } from "@/features/results/ui/adjudication-view";
import { studyIdBySlug } from "@/features/studies";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | undefined>> };
const filtersSchema = z.object({
  judge: z.string().trim().max(200).optional().catch(undefined),
  baseline: z.string().trim().max(200).optional().catch(undefined),
});

export default async function AdjudicatePage({ params, searchParams }: Props) {
  const { slug } = await params;
  await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}/adjudicate`);
  const db = await getDb();
  const studyId = await studyIdBySlug(db, slug);
  if (!studyId) notFound();
  const filters = filtersSchema.parse(await searchParams);
  const found = await judgeDisagreements(db, {
    studyId,
    judge: filters.judge || undefined,
    baseline: filters.baseline || undefined,
  });
  return (
    <div className="space-y-4">
      <Link href={`/studies/${slug}/results`} className="text-sm text-slate-500 hover:underline">
        ← results
      </Link>
      <h1 className="text-2xl font-semibold">Where a judge and the human majority disagree</h1>
      <AdjudicationView found={found} filters={filters} />
    </div>
  );
}
