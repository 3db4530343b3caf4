// The load generator's HTTP client: node:http over one shared keep-alive agent, with a cookie jar per simulated
// annotator. The generator runs on the host it measures, so its own CPU is taken from the server's: `fetch`
// (undici) spent 0.58-0.64 ms of CPU per request against a bare server here, node:http 0.16-0.18 ms.
import http from "node:http";

// One agent for every simulated annotator, as fetch's global pool was before: connections are reused across
// annotators (real browsers would each hold their own). Node's agent closes an idle connection before the timeout
// the server announces in its Keep-Alive header.
const agent = new http.Agent({ keepAlive: true });

export type BenchResponse = { status: number; json<T>(): T };

/** One simulated browser: its cookies, and requests that do not follow redirects (as `redirect: "manual"`). */
export class BenchClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  request(
    path: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<BenchResponse> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
    return send(new URL(path, this.base), init.method ?? "GET", headers, init.body, (setCookies) => {
      for (const c of setCookies) {
        const [pair] = c.split(";");
        const i = pair.indexOf("=");
        this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
    });
  }

  json(path: string, body: unknown): Promise<BenchResponse> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }
}

/**
 * One request; `onCookies` gets the answer's Set-Cookie headers. A reset of a reused keep-alive connection (the
 * server closed it as the request went out) is retried once on a new one, as browsers do; every request the
 * benchmarks send may be repeated (a verdict is stored once per request id).
 */
export function send(
  url: URL | string,
  method = "GET",
  headers: Record<string, string> = {},
  body?: string,
  onCookies: (setCookies: string[]) => void = () => {},
  retried = false,
): Promise<BenchResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      onCookies(res.headers["set-cookie"] ?? []);
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, json: <T>() => JSON.parse(body) as T });
      });
    });
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (req.reusedSocket && err.code === "ECONNRESET" && !retried)
        send(url, method, headers, body, onCookies, true).then(resolve, reject);
      else reject(err);
    });
    req.end(body);
  });
}
