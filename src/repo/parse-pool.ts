/**
 * A second thread for the YAML of a large repository. Parsing is most of a cold scan (yaml's parser
 * and toJS: ~2 s of ~3 s for the 3.8 MB of the 1,000-app repository), and a machine that runs the
 * scan has a second core that otherwise waits. The scan (scan.ts) sends some of its files here while
 * its own thread parses the others; both pull the next file from the same list, so a worker that
 * starts slowly (~0.2-0.4 s to load its modules) or falls behind only parses less.
 *
 * What comes back is what readYamlFile gives on the scan's thread (parse-worker-main.ts runs it): the
 * same documents and findings, in the same file order (the scan places each file's result at its
 * index). Anything that goes wrong with the worker (no worker file, as in a bundle without it, a
 * worker that cannot start or dies) rejects the files it held with PoolUnavailable, and the scan reads
 * those files itself: the result is the same, only slower.
 */
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DiscoveredFile } from './discover.ts';
import type { ReadYamlResult } from './read-yaml.ts';

export interface ParseRequest {
  id: number;
  file: Pick<DiscoveredFile, 'path' | 'abs' | 'kind'>;
  maxBytes: number;
  /** Send the file's text back too (the scan's onText reader wants it). */
  wantText: boolean;
}

export type ParseResponse = { id: number; result: ReadYamlResult; text?: string } | { id: number; error: string } | { id: number; inline: true };

/** The worker could not read this file (it is gone or never started): read it on the scan's thread. */
export class PoolUnavailable extends Error {}

/** The worker's entry: beside this module in a checkout, beside the bundle's chunks in the package (scripts/pack). */
const WORKER = new URL('./parse-worker.mjs', import.meta.url);

export class ParsePool {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: { result: ReadYamlResult; text?: string }) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private dead = false;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (message: ParseResponse) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      // An exception in the reader (it never throws on content: an I/O error) is the caller's, as inline.
      if ('error' in message) waiting.reject(new Error(message.error));
      // A result the scan's thread would not build the same (parse-worker-main.ts): read it there.
      else if ('inline' in message) waiting.reject(new PoolUnavailable('the parse worker leaves this file to the scan'));
      else waiting.resolve(message.text === undefined ? { result: message.result } : { result: message.result, text: message.text });
    });
    const fail = () => this.fail();
    worker.on('error', fail);
    worker.on('messageerror', fail);
    worker.on('exit', fail);
    // The worker keeps the process alive while it holds files (a scan awaiting its last answers has
    // nothing else running), never when idle: a scan does not wait for it to exit. After the
    // listeners, since adding a 'message' listener refs the worker again.
    worker.unref();
  }

  /** One worker thread, or null where none can run (no worker file, a failed start). */
  static start(): ParsePool | null {
    if (!existsSync(fileURLToPath(WORKER))) return null;
    try {
      return new ParsePool(new Worker(WORKER, { workerData: { compileCacheDir: module.getCompileCacheDir?.() } }));
    } catch {
      return null;
    }
  }

  /** Whether the worker can still take files. */
  get alive(): boolean {
    return !this.dead;
  }

  /** Read and parse one file on the worker; rejects with PoolUnavailable when the worker cannot. */
  read(file: ParseRequest['file'], maxBytes: number, wantText: boolean): Promise<{ result: ReadYamlResult; text?: string }> {
    if (this.dead) return Promise.reject(new PoolUnavailable('the parse worker is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ id, file: { path: file.path, abs: file.abs, kind: file.kind }, maxBytes, wantText } satisfies ParseRequest);
      } catch {
        this.fail();
      }
    });
  }

  /** Stop the worker; files it still held are rejected (read them inline). */
  close(): void {
    this.fail();
    void this.worker.terminate();
  }

  private fail(): void {
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(new PoolUnavailable('the parse worker stopped'));
    this.pending.clear();
  }
}
