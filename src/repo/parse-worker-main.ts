/**
 * The parse worker's work (entry: parse-worker.mjs): one message `{ id, file, maxBytes, wantText }`
 * in, one answer out: `{ id, result, text? }`, `{ id, error }` (the reader's I/O error, as the scan's
 * thread would get it), or `{ id, inline: true }` when the scan must read the file itself. It runs
 * readYamlFile, the scan's own reader, so a file's documents and findings are the same whichever
 * thread read it, and they reach the scan by structured clone. That holds for plain data (what toJS
 * gives: objects, arrays, scalars, Dates, Maps and Sets) and not for everything a YAML tag can make:
 * a `!!binary` Buffer arrives as a bare Uint8Array, and a Symbol (`!!merge <<` as a value) cannot be
 * sent at all. Such a file is read on the scan's thread instead, as is one that nests too deep: this
 * thread's stack is larger than the main thread's, so where yaml's parser runs out of stack there,
 * here it would reach our own depth check, and the finding would depend on which thread read the file.
 */
import { parentPort } from 'node:worker_threads';
import { readYamlFile, type ReadYamlResult } from './read-yaml.ts';
import type { ParseRequest, ParseResponse } from './parse-pool.ts';

parentPort?.on('message', (message: ParseRequest) => {
  void answer(message).then(send);
});

function send(response: ParseResponse): void {
  try {
    parentPort?.postMessage(response);
  } catch {
    // What could not be cloned after all: the scan reads the file itself.
    parentPort?.postMessage({ id: response.id, inline: true } satisfies ParseResponse);
  }
}

async function answer({ id, file, maxBytes, wantText }: ParseRequest): Promise<ParseResponse> {
  try {
    let text: string | undefined;
    const result = await readYamlFile(file, { maxBytes, ...(wantText ? { onText: (t: string) => (text = t) } : {}) });
    if (!sameOnEitherThread(result)) return { id, inline: true };
    return text === undefined ? { id, result } : { id, result, text };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether the scan's thread would build exactly this result: plain data, and no nesting near the stack's end. */
export function sameOnEitherThread(result: ReadYamlResult): boolean {
  if (result.findings.some((f) => f.code === 'YAML_TOO_DEEP')) return false;
  const stack: unknown[] = result.docs.map((d) => d.value);
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || v === undefined) continue;
    const type = typeof v;
    if (type === 'symbol' || type === 'function') return false;
    if (type !== 'object') continue;
    if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v instanceof Date) {
      continue;
    } else if (v instanceof Map) {
      for (const [key, item] of v) stack.push(key, item);
    } else if (v instanceof Set) {
      for (const item of v) stack.push(item);
    } else if (Object.getPrototypeOf(v) === Object.prototype) {
      for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
    } else {
      return false;
    }
  }
  return true;
}
