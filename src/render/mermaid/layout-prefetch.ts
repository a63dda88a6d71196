/**
 * ELK layouts made ahead of the page that shows them, on a worker thread. The overview graph's
 * layout is the one costly step of rendering a page (0.2-0.5 s on the corpus repositories, on the
 * main thread, while every other page waits); it depends only on the Atlas, which is ready seconds
 * before Astro renders the first page. So the native side (src/integration/atlas-provider.ts) starts
 * it on a worker (layout-worker.mjs) as soon as the Atlas is computed, and the worker draws while
 * Astro syncs content and Vite bundles; the page takes the result from the registry
 * (src/loaders/atlas-data.ts, takeLayout). Anything that goes wrong here (no worker file, as in a
 * bundle without it, an exception in the worker) resolves to null and the page lays the diagram out
 * itself, as it did before: the page is the same either way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { offerLayout } from '../../loaders/atlas-data.ts';
import { COLORS } from './to-svg.ts';

/** The worker's file: beside this module in a checkout, beside the bundle in the package (scripts/pack). */
const WORKER = new URL('./layout-worker.mjs', import.meta.url);

/** Start laying out these Mermaid sources (layoutSource) on one worker thread; returns at once. */
export function prefetchLayouts(sources: readonly string[]): void {
  if (sources.length === 0 || !existsSync(fileURLToPath(WORKER))) return;
  const answers = new Map<number, (svg: string | null) => void>();
  sources.forEach((source, id) => offerLayout(source, new Promise((resolve) => answers.set(id, resolve))));
  const settleAll = () => {
    for (const answer of answers.values()) answer(null);
    answers.clear();
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER);
  } catch {
    settleAll();
    return;
  }
  // The build never waits for the worker to exit, and a worker left alone never keeps it alive.
  worker.unref();
  worker.on('message', (message: { id: number; svg?: string; error?: string }) => {
    answers.get(message.id)?.(typeof message.svg === 'string' ? message.svg : null);
    answers.delete(message.id);
    if (answers.size === 0) void worker.terminate();
  });
  worker.on('error', settleAll);
  worker.on('exit', settleAll);
  sources.forEach((source, id) => worker.postMessage({ id, source, colors: COLORS }));
}
