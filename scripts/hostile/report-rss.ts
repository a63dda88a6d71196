/**
 * Preloaded with `node --import ./scripts/hostile/report-rss.ts scripts/atlas.mjs ...` by the hostile
 * input tests: on exit, append the process's peak resident memory (KiB) and wall time (ms) as one
 * JSON line to the file named by ATLAS_RSS_FILE, so the tests can state and check the bound without
 * touching the CLI's stdout or stderr.
 */
import { appendFileSync } from 'node:fs';

const file = process.env.ATLAS_RSS_FILE;
const started = performance.now();
if (file) {
  process.on('exit', (code) => {
    const line = { argv: process.argv.slice(2), code, maxRssKiB: process.resourceUsage().maxRSS, ms: Math.round(performance.now() - started) };
    appendFileSync(file, JSON.stringify(line) + '\n');
  });
}
