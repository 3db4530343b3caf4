"use client";

import { useEffect, useMemo, useRef } from "react";

/** Milliseconds the page was visible since `key` (the item shown) last changed; hidden-tab time is left out. */
export function useVisibleTimer(key: string | null) {
  const visibleMs = useRef(0);
  const since = useRef<number | null>(null);

  useEffect(() => {
    visibleMs.current = 0;
    since.current = document.hidden ? null : performance.now();
    const onVisibility = () => {
      if (document.hidden && since.current !== null) {
        visibleMs.current += performance.now() - since.current;
        since.current = null;
      } else if (!document.hidden && since.current === null) {
        since.current = performance.now();
      }
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => document.removeEventListener("visibilitychange", onVisibility);
  }, [key]);

  return useMemo(
    () => ({
      elapsed: () =>
        Math.round(visibleMs.current + (since.current === null ? 0 : performance.now() - since.current)),
    }),
    [],
  );
}
