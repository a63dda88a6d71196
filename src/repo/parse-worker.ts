/**
 * Reads and parses YAML files on a worker thread for parse-pool.ts: one message { id, file, maxBytes,
 * wantText } in, one { id, result, text? } or { id, error } out. The work is readYamlFile's, the same
 * as on the main thread (secret values are dropped here, before anything crosses to the scan).
 */
import { parentPort } from 'node:worker_threads';
import { readYamlFile } from './read-yaml.ts';
import type { ParseJob, ParseReply } from './parse-pool.ts';

parentPort?.on('message', (job: ParseJob) => {
  let text: string | undefined;
  readYamlFile(job.file, { maxBytes: job.maxBytes, ...(job.wantText ? { onText: (t: string) => (text = t) } : {}) }).then(
    (result) => parentPort?.postMessage({ id: job.id, result, ...(text !== undefined ? { text } : {}) } satisfies ParseReply),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies ParseReply),
  );
});
