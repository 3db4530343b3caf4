import type { Db } from "../client";
import { studies } from "../schema";

export async function studyChoices(db: Db) {
  return db.select({ id: studies.id, slug: studies.slug }).from(studies).orderBy(studies.id);
}
