// The database schema: tables by domain in db/schema/, relations and inferred types here (drizzle-kit reads this file).
import { relations } from "drizzle-orm";
import { assignments, studyLinks } from "./schema/annotation";
import { comparisons, judgments, models, prompts, responses, studies, users } from "./schema/core";

export * from "./schema/core";
export * from "./schema/annotation";
export * from "./schema/results";

export const studiesRelations = relations(studies, ({ one, many }) => ({
  referenceModel: one(models, { fields: [studies.referenceModelId], references: [models.id] }),
  prompts: many(prompts),
  comparisons: many(comparisons),
}));

export const promptsRelations = relations(prompts, ({ one, many }) => ({
  study: one(studies, { fields: [prompts.studyId], references: [studies.id] }),
  responses: many(responses),
}));

export const responsesRelations = relations(responses, ({ one }) => ({
  prompt: one(prompts, { fields: [responses.promptId], references: [prompts.id] }),
  model: one(models, { fields: [responses.modelId], references: [models.id] }),
}));

export const comparisonsRelations = relations(comparisons, ({ one, many }) => ({
  study: one(studies, { fields: [comparisons.studyId], references: [studies.id] }),
  prompt: one(prompts, { fields: [comparisons.promptId], references: [prompts.id] }),
  judgments: many(judgments),
}));

export const judgmentsRelations = relations(judgments, ({ one }) => ({
  comparison: one(comparisons, { fields: [judgments.comparisonId], references: [comparisons.id] }),
  user: one(users, { fields: [judgments.userId], references: [users.id] }),
}));

export type User = typeof users.$inferSelect;
export type Study = typeof studies.$inferSelect;
export type Prompt = typeof prompts.$inferSelect;
export type Comparison = typeof comparisons.$inferSelect;
export type Judgment = typeof judgments.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
export type StudyLink = typeof studyLinks.$inferSelect;
