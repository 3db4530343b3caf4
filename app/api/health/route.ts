import { NextResponse } from "next/server";
import { getDb } from "@/platform/db";
import { databaseHealth } from "@/platform/db/health";

export const dynamic = "force-dynamic";

/** Public on purpose (load balancers): says only whether the database answers and migrations are current. */
export async function GET() {
  try {
    const health = await Promise.race([
      databaseHealth(await getDb()),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    const body = {
      status: health.ok ? "ok" : "migrations pending",
      database: "up",
      migrations: { applied: health.applied, expected: health.expected },
    };
    return NextResponse.json(body, {
      status: health.ok ? 200 : 503,
      headers: { "Cache-Control": "no-store" },
    });
  } catch {
    return NextResponse.json(
      { status: "unavailable", database: "down" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
