// Lays out Mermaid diagrams with ELK (beautiful-mermaid) on a worker thread, for layout-prefetch.ts:
// one message { id, source, colors } in, one { id, svg } or { id, error } out. Plain JavaScript, so it
// also runs from an installed package, where Node does not strip TypeScript types.
import { parentPort } from 'node:worker_threads';
import { renderMermaidSVG } from 'beautiful-mermaid';

parentPort?.on('message', (message) => {
  const { id, source, colors } = message;
  try {
    parentPort?.postMessage({ id, svg: renderMermaidSVG(source, colors) });
  } catch (err) {
    parentPort?.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
