import { cellText, csvCell } from "./cells";

export type ExportFormat = "csv" | "jsonl";

/**
 * Encodes batches of rows as RFC 4180 CSV (formula cells neutralised) or JSON Lines, pulling rows
 * only as fast as the consumer reads, so an export of any size holds one batch in memory.
 */
export function encodeRows<R extends Record<string, unknown>>(
  batches: AsyncIterable<R[]>,
  columns: readonly string[],
  format: ExportFormat,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let headerSent = false;
  let pendingRows: R[] = [];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pendingRows.length === 0) {
        const next = await iterator.next();
        if (next.done) {
          if (format === "csv" && !headerSent) controller.enqueue(encoder.encode(csv([[...columns]])));
          controller.close();
          return;
        }
        pendingRows = next.value;
      }
      // Encode at most 2,000 rows per chunk, so a large batch becomes several moderate chunks.
      const rows = pendingRows.slice(0, 2000);
      pendingRows = pendingRows.slice(2000);
      let text: string;
      if (format === "csv") {
        const records = rows.map((r) => columns.map((c) => cellText(r[c])));
        if (!headerSent) records.unshift([...columns]);
        text = csv(records);
      } else {
        text = rows
          .map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))) + "\n")
          .join("");
      }
      headerSent = true;
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** RFC 4180: fields quoted when they hold a comma, quote or line break; CRLF after every record; formulas neutralised. */
function csv(records: string[][]): string {
  let out = "";
  for (const record of records) out += record.map(csvCell).join(",") + "\r\n";
  return out;
}

/** A rows array already in memory (the small summary table) as the batch stream encodeRows takes. */
export async function* oneBatch<R>(rows: R[]): AsyncGenerator<R[]> {
  if (rows.length) yield rows;
}
