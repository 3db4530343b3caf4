"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import type { Choice } from "../schemas";

/** What the labelling page does for a key; each returns whether the key was used. */
export type KeyActions = {
  choose: (c: Choice) => void;
  rate: (label: number) => void;
  skip: () => void;
  undo: () => void;
  flag: () => void;
  guidelines: () => void;
  keymap: () => void;
  rationale: () => void;
  cancel: () => void;
};

// ↓ and ↑ are left to the browser: they scroll a long response and must never record a verdict.
const CHOICE_KEYS: Record<string, Choice> = {
  "1": "A",
  ArrowLeft: "A",
  "2": "tie",
  "3": "B",
  ArrowRight: "B",
};

/** The action for a key press, or null (a pure function of the key, the modifiers and the study's kind). */
export function actionForKey(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  scaleSize: number | null,
): { kind: keyof KeyActions; arg?: Choice | number } | null {
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z") return { kind: "undo" };
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (scaleSize !== null) {
    if (/^[1-9]$/.test(e.key) && Number(e.key) <= scaleSize) return { kind: "rate", arg: Number(e.key) - 1 };
  } else if (CHOICE_KEYS[e.key]) return { kind: "choose", arg: CHOICE_KEYS[e.key] };
  switch (e.key) {
    case "s":
    case "S":
      return { kind: "skip" };
    case "u":
    case "U":
      return { kind: "undo" };
    case "f":
    case "F":
      return { kind: "flag" };
    case "g":
    case "G":
      return { kind: "guidelines" };
    case "?":
      return { kind: "keymap" };
    case "r":
    case "R":
      return { kind: "rationale" };
    case "Escape":
      return { kind: "cancel" };
    default:
      return null;
  }
}

/**
 * Registers the labelling page's keys once; the handler always calls the latest render's actions (a layout effect
 * updates the ref before the browser can deliver the next key). Keys typed into a field are text, and while a
 * dialog is open (`blocked`) the dialog has the keyboard.
 */
export function useLabellingKeys(actions: KeyActions, scaleSize: number | null, blocked: boolean) {
  const latest = useRef({ actions, scaleSize, blocked });
  useLayoutEffect(() => {
    latest.current = { actions, scaleSize, blocked };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (["TEXTAREA", "INPUT", "SELECT"].includes(target.tagName) || target.isContentEditable))
        return;
      const { actions: a, scaleSize: n, blocked: b } = latest.current;
      if (b) return;
      const action = actionForKey(e, n);
      if (!action) return;
      e.preventDefault();
      if (action.kind === "choose") a.choose(action.arg as Choice);
      else if (action.kind === "rate") a.rate(action.arg as number);
      else a[action.kind]();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
