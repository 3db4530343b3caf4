"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Asks the server again every few seconds while a study's first numbers are being computed. */
export function RefreshWhileComputing({ everyMs = 5_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
