import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type AppServer = {
  url: string;
  process: ChildProcess;
  stop: () => Promise<void>;
  /** What the server has printed so far (its log file, removed when the server is stopped). */
  output: () => string;
};

/** Starts the production build (`next start`) on a port with the given environment; resolves once it answers. */
export async function startApp(args: { port: number; env: Record<string, string> }): Promise<AppServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  // The server logs to a file, not a pipe: writes to a pipe block when the reader is slow, and the reader here is
  // the process generating the load (a benchmark's spikes were the server waiting on its own log lines).
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "verdict-app-")), "server.log");
  const fd = fs.openSync(logFile, "a");
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(args.port), "-H", "127.0.0.1"], {
    // Simulated crowds join from one address: no per-address cap unless a test sets one.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", VERDICT_MAX_WORKERS_PER_ADDRESS: "0", ...args.env },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  const out = () => fs.readFileSync(logFile, "utf8");
  const url = `http://127.0.0.1:${args.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out()}`);
    try {
      const res = await fetch(`${url}/api/auth/session`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL"); // else it would keep its port and the next run on this machine would hang on it
      throw new Error(`app did not answer within 60 s:\n${out()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    process: child,
    output: out,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/**
 * Several instances started at once. If one fails to start, the others are stopped before the error is thrown:
 * a caller never gets them, so nothing else would stop them and they would keep their ports.
 */
export async function startApps(
  specs: { port: number; env: Record<string, string> }[],
): Promise<AppServer[]> {
  const settled = await Promise.allSettled(specs.map((spec) => startApp(spec)));
  const failed = settled.find((s) => s.status === "rejected");
  if (!failed) return settled.map((s) => (s as PromiseFulfilledResult<AppServer>).value);
  await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
  throw failed.reason;
}

/** A tiny HTTP client with a cookie jar, enough to act as a signed-in browser against the app. */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  /** Shares the session of another client (the same browser talking to another instance). */
  adoptCookies(other: HttpClient): void {
    for (const [k, v] of other.cookies) this.cookies.set(k, v);
  }

  json(path: string, body: unknown): Promise<Response> {
    return this.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }
}

/** Signs a password user in through Auth.js's own endpoints, as a browser form would. */
export async function signInWithPassword(client: HttpClient, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await client.request("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await client.request("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }).toString(),
  });
  if (![302, 303].includes(res.status) || !client.cookies.has("authjs.session-token"))
    throw new Error(`sign-in failed: ${res.status}`);
}

/**
 * An app (`next start`) on a fresh database of its own, and a handle on that database for the test: a scratch
 * Postgres database when a server is configured, else an embedded folder, reached through the app's socket.
 */
export async function startAppWithDb(args: { port: number; env: Record<string, string>; name: string }) {
  const { openDb } = await import("@/platform/db/client");
  const { testServerUrl } = await import("./db");
  const { createScratchDatabase } = await import("./scratch-db");
  const server = testServerUrl();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `verdict-${args.name}-`));
  const env = { ...args.env };
  let drop = async () => {};
  if (server) {
    const scratch = await createScratchDatabase(server, `verdict_${args.name}`);
    drop = scratch.drop;
    env.DATABASE_URL = scratch.url;
  } else Object.assign(env, { DATABASE_URL: "", VERDICT_DATA_DIR: dir });
  const app = await startApp({ port: args.port, env });
  const handle = await openDb(
    server
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(dir, "pglite") },
  );
  return {
    app,
    db: handle.db,
    dir,
    close: async () => {
      await handle.close();
      await app.stop();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
