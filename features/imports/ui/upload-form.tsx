"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

type Issue = { line: number; field: string; message: string };
type Outcome =
  | { kind: "idle" }
  | { kind: "uploading"; sent: number; total: number }
  | { kind: "importing" }
  | { kind: "done"; summary: Record<string, unknown> }
  | { kind: "failed"; error: string; issues: Issue[] };

const input = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

/**
 * Sends a file as the request body with its progress (XMLHttpRequest: fetch reports no upload progress), then shows
 * the import's answer: counts, or every problem as `line: field: message`.
 */
function send(url: string, file: File, onProgress: (sent: number, total: number) => void) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    const gz = file.name.toLowerCase().endsWith(".gz");
    const csv = file.name.toLowerCase().replace(/\.gz$/, "").endsWith(".csv");
    xhr.setRequestHeader("content-type", gz ? "application/gzip" : csv ? "text/csv" : "application/x-ndjson");
    xhr.setRequestHeader("x-file-name", file.name);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { error: `the server answered ${xhr.status}` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("the upload failed: check the connection and try again"));
    xhr.send(file);
  });
}

/** An upload form: new study (`newStudy`), or items or judgments added to `slug`. */
export function UploadForm({
  kind,
  slug,
  newStudy = false,
}: {
  kind: "items" | "judgments" | "gold";
  slug?: string;
  newStudy?: boolean;
}) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [design, setDesign] = useState("reference");
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = outcome.kind === "uploading" || outcome.kind === "importing";
  const testId = newStudy ? "new-study" : `upload-${kind}`;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ kind: "failed", error: "Choose a file first.", issues: [] });
      return;
    }
    const target = newStudy ? String(form.get("slug") ?? "").trim() : slug!;
    const query = new URLSearchParams();
    if (newStudy) {
      query.set("new", "1");
      for (const name of ["title", "design", "reference", "baselines", "scale"]) {
        const v = String(form.get(name) ?? "").trim();
        if (v) query.set(name, v);
      }
    }
    const url = `/api/studies/${encodeURIComponent(target || "-")}/${kind}${newStudy ? `?${query}` : ""}`;
    setOutcome({ kind: "uploading", sent: 0, total: file.size });
    try {
      const res = await send(url, file, (sent, total) =>
        setOutcome(sent >= total ? { kind: "importing" } : { kind: "uploading", sent, total }),
      );
      if (res.status === 200) {
        setOutcome({ kind: "done", summary: res.body });
        if (newStudy) router.push(`/studies/${encodeURIComponent(target)}`);
        else router.refresh();
      } else
        setOutcome({
          kind: "failed",
          error: String(res.body.error ?? `the server answered ${res.status}`),
          issues: (res.body.errors as Issue[] | undefined) ?? [],
        });
    } catch (err) {
      setOutcome({ kind: "failed", error: (err as Error).message, issues: [] });
    }
  }

  return (
    <form onSubmit={submit} className="grid gap-3 sm:grid-cols-2" data-testid={testId}>
      {newStudy ? (
        <>
          <label className="text-sm">
            Slug (its name in URLs and commands)
            <input name="slug" required pattern="[A-Za-z0-9][A-Za-z0-9_\-]{0,63}" className={input} />
          </label>
          <label className="text-sm">
            Title
            <input name="title" className={input} />
          </label>
          <label className="text-sm">
            Design
            <select
              name="design"
              value={design}
              onChange={(e) => setDesign(e.target.value)}
              className={input}
            >
              <option value="reference">Reference against baselines (LIMA)</option>
              <option value="all-pairs">All pairs (arena)</option>
              <option value="rating">Rating one response at a time</option>
            </select>
          </label>
          {design === "reference" ? (
            <>
              <label className="text-sm">
                Reference model
                <input name="reference" required className={input} />
              </label>
              <label className="text-sm">
                Baselines (comma-separated; blank: every other model)
                <input name="baselines" className={input} />
              </label>
            </>
          ) : null}
          {design === "rating" ? (
            <label className="text-sm">
              Scale (lima, likert6, safety, or labels worst first: poor,fair,good)
              <input name="scale" required defaultValue="lima" className={input} />
            </label>
          ) : null}
        </>
      ) : null}
      <div
        className={`rounded border-2 border-dashed p-4 text-sm sm:col-span-2 ${dragging ? "border-emerald-600 bg-emerald-50" : "border-slate-300"}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (fileInput.current && e.dataTransfer.files.length)
            fileInput.current.files = e.dataTransfer.files;
        }}
      >
        <label className="block">
          {{ items: "Prompts and responses", judgments: "Verdicts", gold: "Gold items" }[kind]} file (JSONL or
          CSV, optionally .gz), or drop it here
          <input
            ref={fileInput}
            type="file"
            name="file"
            required
            accept=".jsonl,.ndjson,.json,.csv,.gz"
            className="mt-1 block w-full text-sm"
          />
        </label>
      </div>
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-60"
        >
          {newStudy ? "Create study" : `Upload ${kind}`}
        </button>
      </div>
      <UploadStatus outcome={outcome} testId={testId} />
    </form>
  );
}

function UploadStatus({ outcome, testId }: { outcome: Outcome; testId: string }) {
  if (outcome.kind === "idle") return null;
  if (outcome.kind === "uploading" || outcome.kind === "importing") {
    const pct =
      outcome.kind === "importing" ? 100 : Math.round((100 * outcome.sent) / Math.max(outcome.total, 1));
    return (
      <div className="sm:col-span-2" role="status">
        <progress value={pct} max={100} aria-label="upload progress" className="w-full" />
        <p className="text-sm">
          {outcome.kind === "importing" ? "Checking and importing…" : `Uploading ${pct}%`}
        </p>
      </div>
    );
  }
  if (outcome.kind === "done")
    return (
      <p role="status" className="text-sm text-emerald-700 sm:col-span-2" data-testid={`${testId}-done`}>
        Imported: {summaryText(outcome.summary)}
      </p>
    );
  return (
    <div role="alert" className="text-sm text-red-700 sm:col-span-2" data-testid={`${testId}-error`}>
      <p>{outcome.error}</p>
      {outcome.issues.length ? (
        <ul className="mt-1 list-disc pl-5 font-mono">
          {outcome.issues.map((i, n) => (
            <li key={n}>
              {i.line}: {i.field}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function summaryText(s: Record<string, unknown>): string {
  const totals = (k: string) => (s[k] as { total?: number } | undefined)?.total;
  if ("records" in s) return `${s.records} records, ${s.written} written, ${s.unchanged} unchanged.`;
  if ("gold" in s) return `${s.gold} gold items.`;
  return `${totals("prompts")} prompts, ${totals("responses")} responses, ${totals("comparisons")} comparisons.`;
}
