import Link from "next/link";
import { notFound } from "next/navigation";
import { itemSearchSchema, searchItems, studyIdBySlug } from "@/features/studies";
import { ItemList } from "@/features/studies/ui/item-list";
import { requirePageRole } from "@/platform/auth/session";
import { getDb } from "@/platform/db";

export default async function ItemsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  await requirePageRole("researcher", `/studies/${encodeURIComponent(slug)}/items`);
  const db = await getDb();
  const studyId = await studyIdBySlug(db, slug);
  if (!studyId) notFound();
  const search = itemSearchSchema.parse(await searchParams);
  const found = await searchItems(db, studyId, search);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={`/studies/${slug}`} className="underline">
          ← {slug}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Items</h1>
      <ItemList slug={slug} search={search} {...found} />
    </div>
  );
}
