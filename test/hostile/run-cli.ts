/**
 * Runs the CLI in a child process the way CI does, with the bounds the hostile-input tests state:
 * the V8 heap capped at 1 GiB (`--max-old-space-size=1024`; going over kills the child, which fails
 * the test) and a kill timeout as a guard against a hang (not a performance assertion). Peak memory
 * and wall time are recorded by scripts/hostile/report-rss.ts.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HEAP_MB = 1024;

export interface CliRun {
  args: string[];
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the child (KiB) and its wall time, or null if it did not exit normally. */
  maxRssKiB: number | null;
  ms: number | null;
}

export interface RunOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Folder where the child writes its measurements (a file per run). */
  rssDir: string;
}

/** `node --max-old-space-size=1024 scripts/atlas.mjs ...args`; resolves with everything it printed. */
export function runCli(args: string[], opts: RunOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const rssFile = join(opts.rssDir, `${Date.now()}-${Math.random().toString(36).slice(2)}.jsonl`);
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', './scripts/hostile/report-rss.ts', 'scripts/atlas.mjs', ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...opts.env, ATLAS_RSS_FILE: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      // One line per process: `atlas build` re-runs itself in a child when the environment would give a
      // development build (scripts/commands/build.ts), and both processes report. The run's peak is the
      // highest of them, its wall time the longest (the outer process's).
      const lines = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { maxRssKiB: number; ms: number }) : [];
      const measured = lines.length ? { maxRssKiB: Math.max(...lines.map((l) => l.maxRssKiB)), ms: Math.max(...lines.map((l) => l.ms)) } : null;
      resolve({
        args,
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        maxRssKiB: measured?.maxRssKiB ?? null,
        ms: measured?.ms ?? null,
      });
    });
  });
}

/** A JavaScript stack frame or our "internal error" line: what an uncaught exception prints. */
export function crashSigns(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^\s+at .+[(:]\d+|internal error|^\w*Error: |FATAL ERROR/.test(l));
}

/**
 * `atlas build --repo REPO --out OUT` as the site tests' global setup runs it: on its own copy of
 * the site template in its own cache dir under artifacts/.cache (so builds can run side by side).
 */
export function buildSiteCli(repo: string, out: string, cacheName: string, rssDir: string): Promise<CliRun> {
  return runCli(['build', '--repo', repo, '--out', out], {
    rssDir,
    timeoutMs: 300_000,
    env: { ATLAS_COPY_TEMPLATE: '1', ATLAS_CACHE_DIR: join(PROJECT_ROOT, 'artifacts/.cache', cacheName) },
  });
}
