import type { Db } from "@/platform/db/client";
import { studies } from "@/db/schema";

export async function studyChoices(db: Db) {
  return db.select({ id: studies.id, slug: studies.slug }).from(studies).orderBy(studies.id);
}
