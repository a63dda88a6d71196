/**
 * The parse worker's work (entry: parse-worker.mjs): one message `{ id, file, maxBytes, wantText }`
 * in, one `{ id, result, text? }` or `{ id, error }` out. It runs readYamlFile, the scan's own reader,
 * so a file's documents and findings are the same whichever thread read it; the documents are plain
 * data (what toJS gives, secret values already wiped here) and reach the scan by structured clone.
 */
import { parentPort } from 'node:worker_threads';
import { readYamlFile } from './read-yaml.ts';
import type { ParseRequest, ParseResponse } from './parse-pool.ts';

parentPort?.on('message', (message: ParseRequest) => {
  void answer(message).then((response) => parentPort?.postMessage(response));
});

async function answer({ id, file, maxBytes, wantText }: ParseRequest): Promise<ParseResponse> {
  try {
    let text: string | undefined;
    const result = await readYamlFile(file, { maxBytes, ...(wantText ? { onText: (t: string) => (text = t) } : {}) });
    return text === undefined ? { id, result } : { id, result, text };
  } catch (error) {
    return { id, error: error instanceof Error ? error.message : String(error) };
  }
}
