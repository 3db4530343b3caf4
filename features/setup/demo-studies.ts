/** The first demo study loaded into an empty database on first start: responses to label, no verdicts yet. */
export const DEMO_STUDY = {
  slug: "lima-demo",
  title: "LIMA test prompts: tulu-2-dpo-70b vs five baselines",
  fileName: "lima-demo.jsonl",
  reference: "tulu-2-dpo-70b",
  baselines: [
    "gpt-4-0613",
    "gpt-3.5-turbo-0301",
    "Llama-2-70B-chat-GPTQ",
    "Mistral-7B-Instruct-v0.1",
    "vicuna-7b-v1.5",
  ],
  guidelines: `## Your task

You will see a **prompt** and two **responses** to it, labelled A and B.
Decide which response is better, as in the LIMA study (Zhou et al., 2023):

- **A is significantly better** or **B is significantly better** when one response clearly serves the person
  who wrote the prompt better: more helpful, more correct, better written.
- **Neither is significantly better** when both are about as good (or as bad).

Judge the content, not the length. The side on which a response appears is random and tells you nothing.
Keys: 1 / Left = A, 2 / Down = neither, 3 / Right = B.`,
} as const;

/** The second demo study: the Tülu 1 human evaluation's real verdicts, so the results page has numbers at once. */
export const TULU_DEMO_STUDY = {
  slug: "tulu-demo",
  title: "Tülu 1 human evaluation: tulu_65B vs three baselines (16 raters' real verdicts)",
  csvFile: "tulu1-human-eval.csv", // in data/validation
  reference: "tulu_65B",
  baselines: ["chatgpt", "tulu_7B", "tulu_human_only_65B"],
} as const;

/** The third demo study: an arena over every pair of the 13 models of the shipped LIMA file, ready to label. */
export const ARENA_DEMO_STUDY = {
  slug: "lima-arena",
  title: "LIMA test prompts: every pair of 13 models (an arena to label)",
  gzFile: "just-eval-lima300-13models.jsonl.gz", // in data/lima
  prompts: 30,
} as const;
