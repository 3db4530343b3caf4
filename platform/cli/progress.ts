import fs from "node:fs";

/** A byte progress bar on stderr for large files read on a terminal; a no-op otherwise. */
export function progressFor(file: string, stream: NodeJS.WriteStream = process.stderr) {
  const total = fs.statSync(file).size;
  if (!stream.isTTY || total <= 1024 * 1024) return { onBytes: undefined, done: () => {} };
  let read = 0;
  let lastDrawn = 0;
  const draw = () => {
    const frac = Math.min(1, read / total);
    const width = 30;
    const filled = Math.round(frac * width);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    stream.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(frac * 100)}% ${mb(read)}/${mb(total)} MB`,
    );
  };
  return {
    onBytes: (n: number) => {
      read += n;
      if (Date.now() - lastDrawn > 100) {
        lastDrawn = Date.now();
        draw();
      }
    },
    done: () => {
      read = total;
      draw();
      stream.write("\n");
    },
  };
}
