import { inArray } from "drizzle-orm";
import { users } from "@/db/schema";
import { chunks } from "@/platform/db/chunks";
import type { Db } from "@/platform/db/client";

/**
 * The users behind a file's human annotator names: imported identities (no login), created where new. Returns their
 * ids by name and how many were created.
 */
export async function ensureImportedAnnotators(
  tx: Db,
  names: string[],
): Promise<{ userIds: Map<string, string>; newAnnotators: number }> {
  let newAnnotators = 0;
  const userIds = new Map<string, string>();
  for (const batch of chunks([...new Set(names)])) {
    const created = await tx
      .insert(users)
      .values(batch.map((externalId) => ({ externalId, name: externalId, role: "annotator" as const })))
      .onConflictDoNothing()
      .returning({ id: users.id });
    newAnnotators += created.length;
    const rows = await tx
      .select({ id: users.id, externalId: users.externalId })
      .from(users)
      .where(inArray(users.externalId, batch));
    for (const r of rows) userIds.set(r.externalId!, r.id);
  }
  return { userIds, newAnnotators };
}
