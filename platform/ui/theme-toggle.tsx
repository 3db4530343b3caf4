"use client";

import { useState } from "react";

export type Theme = "system" | "light" | "dark";

/**
 * Light, dark, or the system's setting: kept in a cookie (the server renders the right class, so no flash) and applied
 * at once by switching the class on <html>.
 */
export function ThemeToggle({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">Theme</span>
      <select
        value={theme}
        data-testid="theme"
        onChange={(e) => {
          const next = e.target.value as Theme;
          setTheme(next);
          document.cookie = `theme=${next}; path=/; max-age=31536000; samesite=lax`;
          document.documentElement.classList.remove("light", "dark");
          if (next !== "system") document.documentElement.classList.add(next);
        }}
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
