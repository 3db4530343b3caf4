import { stringify } from "csv-stringify";
import { neutralizeCell } from "./cells";

export type ExportFormat = "csv" | "jsonl";

/**
 * Encodes rows as RFC 4180 CSV (through csv-stringify, formula cells neutralised) or JSON Lines, pulling rows
 * only as fast as the consumer reads, so an export of any size holds one batch in memory.
 */
export function encodeRows<R extends Record<string, unknown>>(
  rows: AsyncIterable<R>,
  columns: readonly string[],
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = [];
      if (format === "csv" && !headerSent) lines.push(await csvLine(columns.map(String)));
      headerSent = true;
      for (let i = 0; i < 500; i++) {
        const next = await iterator.next();
        if (next.done) {
          if (lines.length) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        lines.push(
          format === "csv"
            ? await csvLine(columns.map((c) => neutralizeCell(next.value[c])))
            : JSON.stringify(Object.fromEntries(columns.map((c) => [c, next.value[c] ?? null]))) + "\n",
        );
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function csvLine(cells: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    stringify([cells], { record_delimiter: "\r\n" }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}
