import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/platform/errors";

/** A judge prompt: an optional system message and a user message with placeholders. */
export type JudgeTemplate = {
  name: string;
  kind: "pair" | "rating";
  system: string | null;
  user: string;
};

type FastChatPrompt = { name: string; system_prompt: string; prompt_template: string };

/** MT-Bench's prompts as FastChat ships them (data/judges, Apache-2.0), read as they are. */
function fastChat(name: string): FastChatPrompt {
  const file = path.join(process.cwd(), "data", "judges", "fastchat-judge-prompts.jsonl");
  const prompts = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as FastChatPrompt);
  const found = prompts.find((p) => p.name === name);
  if (!found) throw new Error(`${file} has no prompt "${name}"`);
  return found;
}

/**
 * LIMA's question put to a judge, with the study's own verdict labels and MT-Bench's verdict format (our wording;
 * LIMA asked people which response is better, or whether neither is significantly better).
 */
const LIMA_PAIR_SYSTEM =
  "You are taking part in a human-evaluation study of AI assistants. You will see a prompt and two responses to it, " +
  "A and B. Decide which response is better, or whether neither is significantly better: judge how well each " +
  "serves the person who wrote the prompt (helpful, correct, well written), not its length, and not the order in " +
  "which the responses appear. Explain your decision briefly, then give your final verdict by strictly following " +
  'this format: "[[A]]" for "{label_a}", "[[B]]" for "{label_b}", and "[[C]]" for "{label_tie}".';
const LIMA_PAIR_USER = "[Prompt]\n{question}\n\n[Response A]\n{answer_a}\n\n[Response B]\n{answer_b}";

const LIMA_RATING_SYSTEM =
  "You are taking part in a human-evaluation study of AI assistants. You will see a prompt and one response to it. " +
  "Rate how well the response serves the person who wrote the prompt, on this scale from worst to best: {labels}. " +
  'Explain your rating briefly, then give it by strictly following this format: "[[label]]", for example: ' +
  '"Rating: [[{example}]]".';
const LIMA_RATING_USER = "[Prompt]\n{question}\n\n[Response]\n{answer}";

export const TEMPLATE_NAMES = ["mt-bench-pair", "lima", "mt-bench-single"] as const;

/**
 * The template a run uses: a built-in one by name, or a file (JSON `{"system_prompt", "prompt_template"}`, or any
 * other file as the user message alone) whose placeholders are {question}, {answer_a}, {answer_b}, {answer},
 * {labels}. `rating` says whether the study rates single responses.
 */
export function loadTemplate(nameOrFile: string, rating: boolean, scale: string[] | null): JudgeTemplate {
  const kind = rating ? "rating" : "pair";
  if (nameOrFile === "mt-bench-pair") {
    if (rating)
      throw new AppError("bad_template", "mt-bench-pair compares two responses: this study rates one");
    const p = fastChat("pair-v2");
    return { name: nameOrFile, kind, system: p.system_prompt, user: p.prompt_template };
  }
  if (nameOrFile === "mt-bench-single") {
    if (!rating)
      throw new AppError("bad_template", "mt-bench-single rates one response: this study compares two");
    const tenPoint = Array.from({ length: 10 }, (_, i) => String(i + 1));
    if (JSON.stringify(scale) !== JSON.stringify(tenPoint))
      throw new AppError(
        "bad_template",
        `mt-bench-single rates 1 to 10; this study's scale is ${scale?.join(", ")}`,
      );
    const p = fastChat("single-v1");
    return { name: nameOrFile, kind, system: p.system_prompt, user: p.prompt_template };
  }
  if (nameOrFile === "lima")
    return rating
      ? { name: nameOrFile, kind, system: LIMA_RATING_SYSTEM, user: LIMA_RATING_USER }
      : { name: nameOrFile, kind, system: LIMA_PAIR_SYSTEM, user: LIMA_PAIR_USER };
  let text: string;
  try {
    text = fs.readFileSync(nameOrFile, "utf8");
  } catch {
    throw new AppError(
      "bad_template",
      `${nameOrFile}: not a built-in template (${TEMPLATE_NAMES.join(", ")}) nor a readable file`,
    );
  }
  if (nameOrFile.endsWith(".json")) {
    const parsed = JSON.parse(text) as Partial<FastChatPrompt>;
    if (typeof parsed.prompt_template !== "string")
      throw new AppError(
        "bad_template",
        `${nameOrFile}: needs "prompt_template" (and optionally "system_prompt")`,
      );
    return { name: nameOrFile, kind, system: parsed.system_prompt ?? null, user: parsed.prompt_template };
  }
  return { name: nameOrFile, kind, system: null, user: text };
}

/** The conversation of a multi-turn prompt as the judge reads it; a single prompt as it is. */
export function questionText(prompt: {
  text: string | null;
  messages: { role: string; content: string }[] | null;
}) {
  if (!prompt.messages) return prompt.text ?? "";
  return prompt.messages
    .map(
      (m) =>
        `### ${m.role === "user" ? "User" : m.role === "assistant" ? "Assistant" : m.role}:\n${m.content}`,
    )
    .join("\n\n");
}

/** Fills a template's placeholders (each one once, so a response containing "{answer_b}" stays as it is). */
export function render(
  template: JudgeTemplate,
  values: { question: string; answerA?: string; answerB?: string; answer?: string; labels: string[] },
): { role: "system" | "user"; content: string }[] {
  const map: Record<string, string> = {
    question: values.question,
    answer_a: values.answerA ?? "",
    answer_b: values.answerB ?? "",
    answer: values.answer ?? "",
    labels: values.labels.join(", "),
    label_a: values.labels[0] ?? "",
    label_tie: values.labels[1] ?? "",
    label_b: values.labels[2] ?? "",
    example: values.labels[values.labels.length - 1] ?? "",
  };
  const fill = (s: string) =>
    s.replace(
      /\{(question|answer_a|answer_b|answer|labels|label_a|label_tie|label_b|example)\}/g,
      (_, k: string) => map[k],
    );
  return [
    ...(template.system ? [{ role: "system" as const, content: fill(template.system) }] : []),
    { role: "user" as const, content: fill(template.user) },
  ];
}

/**
 * MT-Bench's verdict format: "[[A]]", "[[B]]" or "[[C]]" (a tie). An answer holding none, or two different ones,
 * is not parsed (null): it is recorded as a failure with its text, never guessed into a verdict.
 */
export function parsePairVerdict(text: string): "A" | "B" | "tie" | null {
  const found = new Set([...text.matchAll(/\[\[(A|B|C)\]\]/g)].map((m) => m[1]));
  if (found.size !== 1) return null;
  const [v] = found;
  return v === "C" ? "tie" : (v as "A" | "B");
}

/** "[[label]]" with a label of the scale (case and spaces aside); a number on a numeric scale. Else null. */
export function parseRating(text: string, scale: string[]): number | null {
  const found = new Set(
    [...text.matchAll(/\[\[([^\][]{1,100})\]\]/g)]
      .map((m) => m[1].trim().toLowerCase())
      .map((v) =>
        scale.findIndex(
          (l) => l.toLowerCase() === v || (Number(l) === Number(v) && v !== "" && Number.isFinite(Number(v))),
        ),
      )
      .filter((i) => i >= 0),
  );
  return found.size === 1 ? [...found][0] : null;
}
