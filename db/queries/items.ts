import { aliasedTable, eq } from "drizzle-orm";
import type { Db } from "../client";
import { comparisons, prompts, responses, type Assignment, type ChatMessage } from "../schema";

export type ItemContent = {
  prompt: { text: string | null; messages: ChatMessage[] | null };
  left: string;
  right: string;
};

const referenceResponse = aliasedTable(responses, "reference_response");
const baselineResponse = aliasedTable(responses, "baseline_response");

/** The texts of a served item, already placed on the sides the assignment chose. Holds no ids or model names. */
export async function itemContent(db: Db, assignment: Pick<Assignment, "comparisonId" | "referenceSide">): Promise<ItemContent> {
  const [row] = await db
    .select({
      text: prompts.text,
      messages: prompts.messages,
      reference: referenceResponse.text,
      baseline: baselineResponse.text,
    })
    .from(comparisons)
    .innerJoin(prompts, eq(prompts.id, comparisons.promptId))
    .innerJoin(referenceResponse, eq(referenceResponse.id, comparisons.referenceResponseId))
    .innerJoin(baselineResponse, eq(baselineResponse.id, comparisons.baselineResponseId))
    .where(eq(comparisons.id, assignment.comparisonId));
  const left = assignment.referenceSide === "left" ? row.reference : row.baseline;
  const right = assignment.referenceSide === "left" ? row.baseline : row.reference;
  return { prompt: { text: row.text, messages: row.messages }, left, right };
}
