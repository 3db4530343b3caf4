import type { Metadata } from "next";
import { SiteHeader } from "@/app/_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: "Verdict",
  description: "Pairwise human preference evaluation of language-model responses",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <SiteHeader />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
