"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Re-renders the page from the server every `seconds` while `active` and the tab is visible (progress that moves
 * while people work: a study's dashboard, a judge run). Client state such as typed input survives a refresh.
 */
export function AutoRefresh({ seconds, active = true }: { seconds: number; active?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(t);
  }, [active, seconds, router]);
  return null;
}
