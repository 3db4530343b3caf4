/** One human verdict on the demo data's tulu-2-dpo-70b vs gpt-4-0613, as a JSONL line of the judgments format. */
export const limaVerdict = (prompt: number, winner: "model_a" | "model_b" | "tie", annotator: string) =>
  JSON.stringify({
    prompt_id: `lima-${prompt}`,
    model_a: "tulu-2-dpo-70b",
    model_b: "gpt-4-0613",
    winner,
    annotator,
    kind: "human",
  });
