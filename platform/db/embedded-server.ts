import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler } from "@electric-sql/pglite-socket";

/** The port number in the socket's file name; pg finds a Unix socket as `<dir>/.s.PGSQL.<port>`. */
export const SOCKET_PORT = 5432;

/** PGlite's two locks, held by in-process transactions and queries; not part of its typed API. */
type PGliteLocks = PGlite & {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
};

/**
 * Serialises whole client sessions, not single messages, on the one PGlite backend. A client that connects over
 * the socket owns the database from its first message until the backend says it is idle again (ReadyForQuery
 * "I"): an extended-protocol exchange (Parse ... Sync) or a whole BEGIN ... COMMIT runs without anything of the app
 * or of another client in between. Ownership takes the same two locks an in-process transaction takes, so the
 * app's own transactions never interleave with a client's either. (pglite-socket's own queue interleaves
 * messages of different clients outside explicit transactions, and ignores in-process queries.)
 */
class SessionQueue {
  private owner: number | null = null;
  private release: (() => void) | null = null;
  private readonly chains = new Map<number, Promise<number>>();
  private readonly closed = new Set<number>();

  constructor(private readonly db: PGliteLocks) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const previous = this.chains.get(handlerId) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.run(handlerId, message, onData));
    this.chains.set(handlerId, next);
    return next;
  }

  clearQueueForHandler(handlerId: number): void {
    this.closed.add(handlerId);
  }

  /** A client that went away: roll back what it left open, then let others in. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.closed.add(handlerId);
    await this.chains.get(handlerId)?.catch(() => 0);
    this.chains.delete(handlerId);
    if (this.owner !== handlerId) return;
    try {
      await this.db.execProtocolRaw(syncMessage());
      await this.db.execProtocolRaw(queryMessage("ROLLBACK"));
    } finally {
      this.releaseOwner();
    }
  }

  private async run(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    if (this.closed.has(handlerId)) return 0;
    if (this.owner !== handlerId) await this.acquire(handlerId);
    const out: Uint8Array[] = [];
    try {
      await this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          out.push(data);
          onData(data);
        },
      });
    } catch (err) {
      this.releaseOwner();
      throw err;
    }
    const isTerminate = message[0] === 0x58; // 'X'
    if (isTerminate || lastReadyStatus(Buffer.concat(out)) === "I") this.releaseOwner();
    return out.reduce((n, d) => n + d.length, 0);
  }

  private acquire(handlerId: number): Promise<void> {
    return new Promise<void>((acquired) => {
      void this.db._runExclusiveTransaction(() =>
        this.db._runExclusiveQuery(
          () =>
            new Promise<void>((release) => {
              this.owner = handlerId;
              this.release = release;
              acquired();
            }),
        ),
      );
    });
  }

  private releaseOwner(): void {
    const release = this.release;
    this.owner = null;
    this.release = null;
    release?.();
  }
}

/** The status byte of the last ReadyForQuery in a run of backend messages, or null when there is none. */
export function lastReadyStatus(buf: Buffer): string | null {
  let status: string | null = null;
  for (let i = 0; i + 5 <= buf.length;) {
    const type = buf[i];
    const length = buf.readInt32BE(i + 1);
    if (type === 0x5a && length === 5 && i + 5 < buf.length) status = String.fromCharCode(buf[i + 5]);
    i += 1 + length;
  }
  return status;
}

function queryMessage(sql: string): Uint8Array {
  const body = Buffer.from(sql + "\0", "utf8");
  const head = Buffer.alloc(5);
  head.write("Q", 0);
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

function syncMessage(): Uint8Array {
  return Buffer.from([0x53, 0, 0, 0, 4]);
}

/** Where the socket lives: in the data folder, or (a Unix socket path has ~100 bytes at most) a private temp folder. */
export function socketDirFor(dataDir: string): string {
  const inData = path.join(path.dirname(dataDir), "run");
  if (path.join(inData, `.s.PGSQL.${SOCKET_PORT}`).length <= 100) return inData;
  return path.join(os.tmpdir(), `verdict-${process.pid}-${Date.now().toString(36)}`);
}

export type EmbeddedServer = { socketDir: string; stop: () => Promise<void> };

/**
 * Serves the process's PGlite to other local processes (the CLI, migrations) on a Unix socket readable only by
 * this user: PGlite accepts any client without a password, so it is never put on a network port.
 */
export async function serveEmbedded(db: PGlite, socketDir: string): Promise<EmbeddedServer> {
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(socketDir, 0o700);
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  fs.rmSync(socketPath, { force: true }); // left by a killed server; the lock says nobody else serves here
  const queue = new SessionQueue(db as PGliteLocks);
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener("close", () => handlers.delete(handler));
    handler.addEventListener("error", () => handlers.delete(handler));
    void handler.attach(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    socketDir,
    stop: async () => {
      await Promise.all([...handlers].map((h) => h.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(socketPath, { force: true });
    },
  };
}
