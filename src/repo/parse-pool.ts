/**
 * A second core for the scan: reading and parsing YAML is most of a scan (1.7 s of a 1,000-app
 * repository's 2.6 s), and one file's parse needs nothing of another's, so a worker thread
 * (parse-worker.ts) reads and parses files while the main thread does the same with others. What
 * crosses back is the scrubbed documents and findings (structured clone: ~5% of their parse time).
 *
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

/** Thrown by `read` when the thread is gone: the caller reads the file itself. */
export class ThreadGone extends Error {}

export class ParseThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (r: ParseReply) => void; reject: (e: Error) => void }>();
  #nextId = 0;
  #gone: Error | null = null;

  /** A started thread, or null where none can be (turned off, no worker file, no threads). */
  static start(): ParseThread | null {
    if (process.env.ATLAS_PARSE_THREAD === '0') return null;
    const url = CANDIDATES.find((u) => u.protocol === 'file:' && existsSync(fileURLToPath(u)));
    if (url === undefined) return null;
    try {
      return new ParseThread(new Worker(url));
    } catch {
      return null;
    }
  }

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: ParseReply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    worker.on('error', (error) => this.#fail(error));
    worker.on('exit', (code) => this.#fail(new ThreadGone(`parse thread exited (${code})`)));
  }

  #fail(error: Error): void {
    this.#gone ??= error instanceof ThreadGone ? error : new ThreadGone(error.message);
    for (const { reject } of this.#pending.values()) reject(this.#gone);
    this.#pending.clear();
  }

  /** Read and parse one file on the thread; rejects with ThreadGone when the thread is gone. */
  read(file: ParseJob['file'], maxBytes: number, wantText: boolean): Promise<ParseReply> {
    if (this.#gone) return Promise.reject(this.#gone);
    const id = this.#nextId++;
    return new Promise<ParseReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, file: { path: file.path, abs: file.abs, kind: file.kind }, maxBytes, wantText } satisfies ParseJob);
    });
  }

  /** Stop the thread (what it was still reading is not waited for). */
  close(): void {
    this.#fail(new ThreadGone('parse thread closed'));
    void this.#worker.terminate();
  }
}
