import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { eq } from "drizzle-orm";
import { models, studies } from "@/db/schema";
import type { Db } from "@/platform/db/client";
import { AppError } from "@/platform/errors";
import { ImportError, ImportIssue } from "./errors";
import { importItemsFile, importJudgmentsFile, type ItemsFileSummary } from "./run";
import { importGoldFile } from "./gold";
import type { ImportItemsRequest } from "./schemas";

/** The largest file one upload may send (compressed size, as sent): the same cap for the browser and the API. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** An uploaded file: the request body as bytes, and the name it had (or one made from its content type). */
export type Upload = { body: ReadableStream<Uint8Array> | null; fileName: string };

/** The file name an upload is read as: the one given if it has a known ending, else from the content type. */
export function uploadName(given: string | null, contentType: string | null): string {
  const base = path.basename(given ?? "").replace(/[^\w.-]/g, "_");
  if (/\.(jsonl|ndjson|json|csv)(\.gz)?$/i.test(base)) return base;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const gz = type === "application/gzip" || type === "application/x-gzip";
  if (type === "text/csv") return "upload.csv";
  if (type === "application/x-ndjson" || type === "application/jsonl" || type === "application/json")
    return "upload.jsonl";
  if (gz && /\.(jsonl|ndjson|csv)$/i.test(base.replace(/\.gz$/i, ""))) return base;
  throw new AppError(
    "invalid_file",
    "send a .jsonl or .csv file (optionally gzipped): Content-Type application/x-ndjson or text/csv",
  );
}

/**
 * Writes the body to a private temporary file (the import reads files in one streaming pass, line by line), stopping
 * past MAX_UPLOAD_BYTES; the file is removed whatever happens.
 */
async function withSpooled<T>(upload: Upload, consume: (file: string) => Promise<T>): Promise<T> {
  if (!upload.body) throw new AppError("invalid_file", "the request has no file");
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "verdict-upload-"));
  const file = path.join(dir, upload.fileName);
  try {
    let total = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        total += chunk.length;
        if (total > MAX_UPLOAD_BYTES)
          done(new AppError("invalid_file", `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`));
        else done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(upload.body as import("node:stream/web").ReadableStream<Uint8Array>),
      cap,
      fs.createWriteStream(file, { mode: 0o600 }),
    );
    return await consume(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** The import arguments a study already fixes: items added later follow its design, reference, scale, baselines. */
async function studyImportDefaults(db: Db, slug: string) {
  const [s] = await db
    .select({
      design: studies.design,
      scale: studies.scale,
      baselines: studies.baselines,
      reference: models.name,
    })
    .from(studies)
    .leftJoin(models, eq(models.id, studies.referenceModelId))
    .where(eq(studies.slug, slug));
  return s;
}

/**
 * Imports an uploaded items file. `request` carries the new-study fields when the study is created by this upload
 * (`mustCreate`: a slug in use is an error); for an existing study they may be left out and come from the study.
 */
export async function importItemsUpload(
  db: Db,
  upload: Upload,
  args: { request: ImportItemsRequest | { study: string }; mustCreate?: boolean },
): Promise<ItemsFileSummary> {
  const existing = await studyImportDefaults(db, args.request.study);
  if (args.mustCreate && existing)
    throw new ImportError([
      new ImportIssue(upload.fileName, 0, "slug", `a study "${args.request.study}" already exists`),
    ]);
  const r: Partial<ImportItemsRequest> = args.request;
  const given = "design" in args.request;
  if (!existing && !given) throw new AppError("no_study", args.request.study);
  const summary = await withSpooled(upload, (file) =>
    importItemsFile(db, {
      file,
      displayName: upload.fileName,
      slug: args.request.study,
      design: given ? r.design : existing!.design,
      reference: given ? r.reference : (existing!.reference ?? undefined),
      baselines: r.baselines ?? existing?.baselines ?? undefined,
      scale: given ? r.scale : (existing!.scale ?? undefined),
      title: r.title,
      render: "background",
    }),
  );
  // Baselines named at creation hold for the study's later uploads.
  if (summary.studyCreated && r.baselines)
    await db.update(studies).set({ baselines: r.baselines }).where(eq(studies.slug, args.request.study));
  return summary;
}

/** Imports an uploaded verdicts or gold-items file into an existing study. */
export async function importStudyFileUpload(
  db: Db,
  upload: Upload,
  slug: string,
  kind: "judgments" | "gold",
): Promise<object> {
  if (!(await studyImportDefaults(db, slug))) throw new AppError("no_study", slug);
  return withSpooled<object>(upload, (file) => {
    const args = { file, displayName: upload.fileName, slug };
    return kind === "gold" ? importGoldFile(db, args) : importJudgmentsFile(db, args);
  });
}

/** An import's problems as the API and the browser show them: line, field, message (line 0: the file or request). */
export function importErrorsJson(err: ImportError) {
  return err.issues.map((i) => ({ line: i.line, field: i.field, message: i.reason }));
}
