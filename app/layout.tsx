import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { SiteHeader } from "@/app/_components/site-header";
import type { Theme } from "@/platform/ui/theme-toggle";
import "./globals.css";

export const metadata: Metadata = {
  title: "Verdict",
  description: "Pairwise human preference evaluation of language-model responses",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const chosen = (await cookies()).get("theme")?.value;
  const theme: Theme = chosen === "light" || chosen === "dark" ? chosen : "system";
  return (
    <html lang="en" className={theme === "system" ? undefined : theme}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SiteHeader theme={theme} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
