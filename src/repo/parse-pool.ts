/**
 * A second core for the scan: reading and parsing YAML is most of a scan (1.7 s of a 1,000-app
 * repository's 2.6 s), and one file's parse needs nothing of another's, so a worker thread
 * (parse-worker.ts) reads and parses files while the main thread does the same with others. What
 * crosses back is the scrubbed documents and findings (structured clone: ~5% of their parse time).
 *
 * One thread serves the process: a scan that ends leaves it for the next (THREAD_IDLE_MS).
 * Used only where there is enough to parse to pay for the thread's start (THREAD_MIN_BYTES), and never
 * needed: if the worker file is missing, cannot start, or dies, the scan reads the files itself and
 * the result is the same. ATLAS_PARSE_THREAD=0 turns it off, ATLAS_PARSE_THREAD=1 on for any size.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.ts';
import type { ReadYamlResult } from './read-yaml.ts';

export interface ParseJob {
  id: number;
  file: Pick<DiscoveredFile, 'path' | 'abs' | 'kind'>;
  maxBytes: number;
  /** Send the file's text back too (for the scan's onText reader). */
  wantText: boolean;
}

/** A parsed file, or the I/O error that stopped its read (the scan reports it as FILE_UNREADABLE). */
export type ParseReply = { id: number; result: ReadYamlResult; text?: string } | { id: number; error: string };

/**
 * The worker's file: beside this module in a checkout (Node strips its types; the checkout's CLI
 * bundle keeps each module's own location), `parse-worker.mjs` beside the package's bundle (scripts/pack).
 */
const CANDIDATES = [new URL('./parse-worker.ts', import.meta.url), new URL('./parse-worker.mjs', import.meta.url)];

/**
 * Bytes of YAML to parse from which the thread is started. Measured in one session on this 2-core
 * machine (README, Performance): the parse of a 1,000-app repository (3.9 MB) took 1.87 s with the
 * thread against 2.34 s without; the corpus's largest (1.1-1.5 MB) took 0.69 s against 0.56 s: in a
 * fresh process the thread's start and its cold code compete with the main thread's own compiling
 * for the second core, and lose below a few MB.
 */
export const THREAD_MIN_BYTES = 3_000_000;

/** Jobs kept in flight to the thread, so that it never waits for the main thread to send the next. */
export const THREAD_IN_FLIGHT = 32;

/**
 * How long the thread is kept after its last scan, for the next scan of the same process (the dev
 * server's, `atlas diff`'s second revision, the bench's repeated scans): a new thread compiles the
 * parser again and parses its first megabytes with cold code, which cost a 1,000-app scan's parse about a
 * quarter of its time (README, Performance). An idle thread never keeps the process alive.
 */
const THREAD_IDLE_MS = 30_000;

/** Thrown by `read` when the thread is gone: the caller reads the file itself. */
export class ThreadGone extends Error {}

type Waiting = { resolve: (r: ParseReply) => void; reject: (e: Error) => void };

/** The one worker of the process, shared by the scans that run at the time (each its own ParseThread). */
class Host {
  readonly worker: Worker;
  readonly pending = new Map<number, Waiting>();
  nextId = 0;
  users = 0;
  gone: ThreadGone | null = null;
  #idle: NodeJS.Timeout | null = null;

  constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (reply: ParseReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new ThreadGone(`parse thread exited (${code})`)));
  }

  fail(error: Error): void {
    this.gone ??= error instanceof ThreadGone ? error : new ThreadGone(error.message);
    if (host === this) host = null;
    if (this.#idle) clearTimeout(this.#idle);
    for (const { reject } of this.pending.values()) reject(this.gone);
    this.pending.clear();
  }

  acquire(): void {
    if (this.#idle) clearTimeout(this.#idle), (this.#idle = null);
    if (this.users++ === 0) this.worker.ref();
  }

  /** The last scan done: the thread stays, without keeping the process alive, until it has been idle a while. */
  release(): void {
    if (--this.users > 0 || this.gone) return;
    this.worker.unref();
    this.#idle = setTimeout(() => void this.worker.terminate(), THREAD_IDLE_MS);
    this.#idle.unref();
  }
}

let host: Host | null = null;

/** One scan's use of the process's parse thread. */
export class ParseThread {
  readonly #host: Host;
  /** This scan's jobs still out (rejected when it closes; another scan's go on). */
  readonly #mine = new Set<number>();
  #closed: ThreadGone | null = null;

  /** The process's thread (started if there is none), or null where none can be (turned off, no worker file, no threads). */
  static start(): ParseThread | null {
    if (process.env.ATLAS_PARSE_THREAD === '0') return null;
    if (host === null) {
      const url = CANDIDATES.find((u) => u.protocol === 'file:' && existsSync(fileURLToPath(u)));
      if (url === undefined) return null;
      try {
        host = new Host(new Worker(url));
      } catch {
        return null;
      }
    }
    return new ParseThread(host);
  }

  private constructor(shared: Host) {
    this.#host = shared;
    shared.acquire();
  }

  /** The worker's thread id (the same for every scan while the thread lives). */
  get threadId(): number {
    return this.#host.worker.threadId;
  }

  /** Read and parse one file on the thread; rejects with ThreadGone when the thread is gone or this scan closed it. */
  read(file: ParseJob['file'], maxBytes: number, wantText: boolean): Promise<ParseReply> {
    const gone = this.#closed ?? this.#host.gone;
    if (gone) return Promise.reject(gone);
    const id = this.#host.nextId++;
    this.#mine.add(id);
    return new Promise<ParseReply>((resolve, reject) => {
      const done = () => this.#mine.delete(id);
      this.#host.pending.set(id, { resolve: (r) => (done(), resolve(r)), reject: (e) => (done(), reject(e)) });
      this.#host.worker.postMessage({ id, file: { path: file.path, abs: file.abs, kind: file.kind }, maxBytes, wantText } satisfies ParseJob);
    });
  }

  /** This scan is done with the thread: what it was still reading is not waited for (the answers are dropped). */
  close(): void {
    if (this.#closed) return;
    this.#closed = new ThreadGone('parse thread closed');
    for (const id of this.#mine) {
      const waiting = this.#host.pending.get(id);
      this.#host.pending.delete(id);
      waiting?.reject(this.#closed);
    }
    this.#host.release();
  }
}
