import { NextResponse } from "next/server";
import { planHalfWidthSchema, resultFiltersSchema, statsDocument } from "@/features/results";
import { getDb } from "@/platform/db";
import { parseQuery, withToken } from "@/platform/http/route";

const statsQuerySchema = resultFiltersSchema.extend({ plan: planHalfWidthSchema.optional() });

/** Exactly the `stats --json` document (filters and `plan` as query parameters). */
export const GET = withToken<{ params: Promise<{ slug: string }> }>("researcher", async (req, { params }) => {
  const { slug } = await params;
  const parsed = parseQuery(req, statsQuerySchema);
  if (!parsed.ok) return parsed.response;
  const { plan, ...filters } = parsed.data;
  const doc = await statsDocument(await getDb(), { slug, filters, plan });
  return NextResponse.json(doc.json, { headers: { "Cache-Control": "no-store" } });
});
