// The database schema: tables by domain in db/schema/, inferred types here (drizzle-kit reads this file).
import { studyLinks } from "./schema/annotation";
import { studies, users } from "./schema/core";

export * from "./schema/core";
export * from "./schema/annotation";
export * from "./schema/results";
export * from "./schema/judges";
export * from "./schema/workspace";

export type User = typeof users.$inferSelect;
export type Study = typeof studies.$inferSelect;
export type StudyLink = typeof studyLinks.$inferSelect;
