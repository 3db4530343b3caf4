import Link from "next/link";
import { notFound } from "next/navigation";
import { getStudyDetail, itemDetail } from "@/features/studies";
import { ItemView } from "@/features/studies/ui/item-view";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";

export default async function ItemPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}/items/${encodeURIComponent(id)}`);
  const db = await getDb();
  const study = await getStudyDetail(db, slug);
  const comparisonId = Number(id);
  if (!study || !Number.isSafeInteger(comparisonId) || comparisonId <= 0) notFound();
  const item = await itemDetail(db, study.id, comparisonId);
  if (!item) notFound();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/studies/${slug}/items`} className="underline">
          ← Items of {slug}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Item <span className="font-mono">{item.prompt_id}</span>
      </h1>
      <ItemView slug={slug} item={item} scale={study.scale} />
    </div>
  );
}
