"use client";

import { useState } from "react";
import { previewGuidelinesAction } from "@/features/studies/actions";

/** The guidelines' markdown with a preview rendered and sanitized by the server, exactly as annotators see it. */
export function GuidelinesEditor({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null);
  return (
    <div className="text-sm sm:col-span-3">
      <label htmlFor="guidelines">Guidelines (markdown)</label>
      <textarea
        id="guidelines"
        name="guidelines"
        rows={8}
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
      />
      <button
        type="button"
        className="mt-1 rounded border border-slate-300 px-2 py-1"
        data-testid="preview-guidelines"
        onClick={async () => {
          const r = await previewGuidelinesAction(null, { guidelines: text });
          setPreview(r.ok ? { html: r.data.html } : { error: r.error });
        }}
      >
        Preview
      </button>
      {preview ? (
        "html" in preview ? (
          <div
            className="prose-verdict mt-2 rounded border border-slate-200 p-3"
            data-testid="guidelines-preview"
            // Rendered by the server's markdown pipeline, which sanitizes (platform/markdown.ts).
            dangerouslySetInnerHTML={{ __html: preview.html }}
          />
        ) : (
          <p role="alert" className="text-red-700">
            {preview.error}
          </p>
        )
      ) : null}
    </div>
  );
}
