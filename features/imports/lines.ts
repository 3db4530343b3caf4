import fs from "node:fs";
import zlib from "node:zlib";
import { Transform, type Readable } from "node:stream";

export const MAX_LINE_BYTES = 4 * 1024 * 1024;

export type Line = { line: number; text: string } | { line: number; error: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/** What a gzipped file may decompress to: beyond it the import stops (a small "gzip bomb" could fill memory). */
const MAX_DECOMPRESSED_BYTES = 1024 * 1024 * 1024;

/** A file that cannot be read to the end: too large once decompressed, or not valid gzip. */
export class UnreadableFile extends Error {}

/**
 * Opens a file as a byte stream, gunzipping `.gz` files, stopping with UnreadableFile past `maxBytes` of
 * decompressed data or on corrupt gzip. `onBytes` reports raw bytes read (progress).
 */
export function openBytes(
  file: string,
  onBytes?: (n: number) => void,
  maxBytes = MAX_DECOMPRESSED_BYTES,
): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on("data", (chunk) => onBytes(chunk.length));
  if (!file.endsWith(".gz")) return raw;
  let total = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      if (total > maxBytes) {
        raw.destroy();
        done(
          new UnreadableFile(
            `decompresses to more than ${Math.round(maxBytes / 1024 / 1024)} MB, the limit for one import`,
          ),
        );
      } else done(null, chunk);
    },
  });
  const gunzip = zlib.createGunzip();
  gunzip.on("error", (err) => limited.destroy(new UnreadableFile(`not valid gzip (${err.message})`)));
  return raw.pipe(gunzip).pipe(limited);
}

/**
 * Splits a byte stream into numbered lines decoded as strict UTF-8.
 * A line that is not UTF-8 or exceeds the size limit is reported, not thrown, so the caller can name its number.
 */
export async function* readLines(bytes: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let lineNo = 1;
  const finish = (): Line => {
    const n = lineNo++;
    if (tooLong) return { line: n, error: `line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` };
    let buf = Buffer.concat(parts, size);
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    if (n === 1 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    try {
      return { line: n, text: decoder.decode(buf) };
    } catch {
      return { line: n, error: "not valid UTF-8 (save the file as UTF-8)" };
    }
  };
  for await (const chunk of bytes) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    let nl: number;
    while ((nl = buf.indexOf(0x0a)) !== -1) {
      push(buf.subarray(0, nl));
      yield finish();
      parts = [];
      size = 0;
      tooLong = false;
      buf = buf.subarray(nl + 1);
    }
    push(buf);
  }
  if (size > 0 || tooLong) yield finish();

  function push(piece: Buffer) {
    if (tooLong || piece.length === 0) return;
    if (size + piece.length > MAX_LINE_BYTES) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
    size += piece.length;
  }
}
