import "server-only";
import type { Db } from "@/platform/db/client";
import type { AnnotatorStudy } from "@/features/annotation/queries/enrollments";
import type { ItemContent } from "@/features/annotation/queries/items";
import { nextAssignment, type StudyRules } from "@/features/annotation/queries/serving";
import { serverSecret } from "@/platform/secret";
import type { AnnotationState, ItemView } from "@/features/annotation/schemas";

/** The annotator's view of an item: its texts, already rendered and sanitized (queries/items.ts), and no more. */
export function toItemView(token: string, content: ItemContent, rating: boolean): ItemView {
  const prompt = content.prompt.messages
    ? { messages: content.prompt.messages }
    : { html: content.prompt.html ?? "" };
  // A rating item's response is in both columns: either side is the same text.
  if (rating) return { token, prompt, kind: "rating", response: content.right, turns: content.turns };
  return { token, prompt, kind: "pair", left: content.left, right: content.right };
}

/** The annotator's view of a study right now: their current item, or why there is none. */
export async function annotationState(
  db: Db,
  args: { study: AnnotatorStudy; rules: StudyRules; userId: string },
): Promise<AnnotationState> {
  const { study } = args;
  if (study.status === "stopped")
    return {
      judged: 0,
      quota: args.rules.quota,
      item: null,
      done: { reason: "stopped", completion: study.stoppedGetsCode ? study.completion : null },
      busy: false,
      wait: false,
      warning: null,
      practice: null,
    };
  const next = await nextAssignment(db, { rules: args.rules, userId: args.userId, secret: serverSecret() });
  const base = {
    judged: next.judged,
    quota: args.rules.quota,
    item: null,
    done: null,
    busy: false,
    wait: false,
    warning:
      study.status === "warned"
        ? "Please slow down and read the guidelines again: some of your recent answers look hurried or careless."
        : null,
    practice: null,
  };
  if (next.kind === "busy") return { ...base, busy: true };
  if (next.kind === "wait") return { ...base, wait: true };
  if (next.kind === "done")
    return { ...base, done: { reason: next.reason, completion: args.study.completion } };
  return {
    ...base,
    item: toItemView(next.assignment.id, next.content, args.rules.scaleSize !== null),
    practice: next.purpose === "practice" ? { of: args.rules.practiceItems } : null,
  };
}
