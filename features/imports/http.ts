import { NextResponse } from "next/server";
import { ImportError } from "./errors";
import { importErrorsJson } from "./upload";

/**
 * An import's answer over HTTP, the same for the browser and the API: 200 with the summary, or 422 with every
 * problem as `{line, field, message}` (nothing was written). Other errors go on to the route's wrapper.
 */
export async function importResponse(run: () => Promise<object>): Promise<Response> {
  try {
    return NextResponse.json(await run());
  } catch (err) {
    if (err instanceof ImportError)
      return NextResponse.json(
        { error: "the file was not imported; nothing was written", errors: importErrorsJson(err) },
        { status: 422 },
      );
    throw err;
  }
}
