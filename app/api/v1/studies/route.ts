import { NextResponse } from "next/server";
import { createEmptyStudy, newStudySchema } from "@/features/imports";
import { getDb } from "@/platform/db";
import { parseJson, withToken } from "@/platform/http/route";

/** Creates a study with no items (researchers and admins, by token): later uploads follow its design. */
export const POST = withToken("researcher", async (req) => {
  const parsed = await parseJson(req, newStudySchema);
  if (!parsed.ok) return parsed.response;
  const study = await createEmptyStudy(await getDb(), parsed.data);
  return NextResponse.json(
    { slug: study.slug, title: study.title, design: study.design, scale: study.scale },
    { status: 201 },
  );
});
