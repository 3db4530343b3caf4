import fs from "node:fs";
import zlib from "node:zlib";
import type { Readable } from "node:stream";

export const MAX_LINE_BYTES = 4 * 1024 * 1024;

export type Line = { line: number; text: string } | { line: number; error: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Opens a file as a byte stream, gunzipping `.gz` files. `onBytes` reports raw bytes read (progress). */
export function openBytes(file: string, onBytes?: (n: number) => void): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (onBytes) raw.on("data", (chunk) => onBytes(chunk.length));
  return file.endsWith(".gz") ? raw.pipe(zlib.createGunzip()) : raw;
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
