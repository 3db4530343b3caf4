import { NextResponse } from "next/server";
import { openApiDocument } from "@/features/api";
import { baseUrl } from "@/platform/http/base-url";

/** The API's description: public (it holds no data), so tools can read it before they have a token. */
export async function GET() {
  return NextResponse.json(openApiDocument(await baseUrl()));
}
