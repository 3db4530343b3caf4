/**
 * The identity-leak guard: words in a response that name a model or its maker, which would unblind a pairwise
 * verdict (Chatbot Arena drops such votes). Matched case-insensitively and word-bounded (no match inside a word).
 */
const KNOWN_LEAKS = [
  "as an AI developed by",
  "as an AI language model developed by",
  "as a language model developed by",
  "I'm Claude",
  "I am Claude",
  "I'm ChatGPT",
  "I am ChatGPT",
  "ChatGPT",
  "GPT-3",
  "GPT-3.5",
  "GPT-4",
  "GPT-4o",
  "OpenAI",
  "Anthropic",
  "Claude",
  "Llama",
  "Meta AI",
  "Mistral",
  "Mixtral",
  "Gemini",
  "Gemma",
  "Bard",
  "PaLM",
  "Google DeepMind",
  "DeepMind",
  "Tülu",
  "Tulu",
  "Vicuna",
  "Alpaca",
  "Qwen",
  "DeepSeek",
  "Zephyr",
  "Cohere",
  "Grok",
  "Falcon",
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A matcher for the kept list and a study's own model names (each name whole, and its first part before a
 * separator or digit: "tulu-2-dpo-70b" also matches "Tulu"). Longer phrases win over the names inside them.
 */
export function leakMatcher(modelNames: string[]): RegExp {
  const names = modelNames.flatMap((m) => {
    const stem = /^[\p{L}]{3,}/u.exec(m)?.[0];
    return stem && stem.toLowerCase() !== m.toLowerCase() ? [m, stem] : [m];
  });
  const terms = [...new Set([...KNOWN_LEAKS, ...names].map((t) => t.trim()).filter((t) => t.length >= 3))];
  terms.sort((a, b) => b.length - a.length);
  // Word bounds that know letters beyond ASCII (so "Tülu" is a word and "Bardic" is not "Bard").
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "giu");
}

/** The distinct words of `text` that name a model or maker, as written; empty when none. */
export function findLeaks(text: string, matcher: RegExp): string[] {
  const found = new Map<string, string>();
  for (const m of text.matchAll(matcher)) found.set(m[0].toLowerCase(), m[0]);
  return [...found.values()];
}

/** The text with the given words (a response's leak words, found at import) masked wherever they stand alone. */
export function maskWords(text: string, words: string[] | null): string {
  if (!words?.length) return text;
  const sorted = [...words].sort((a, b) => b.length - a.length).map(escape);
  return text.replace(
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join("|")})(?![\\p{L}\\p{N}])`, "giu"),
    "[…]",
  );
}
