/**
 * Timing helpers of the benchmark: medians, child processes measured with GNU time (wall clock
 * and peak RSS, start-up included), and a copy of the Astro project to build in, so that the
 * benchmark never shares `.astro/` with another build running in the project root.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export interface ChildRun {
  ms: number;
  /** Peak resident set size in bytes (GNU time's "Maximum resident set size"), null without /usr/bin/time. */
  peakRss: number | null;
  stdout: string;
  stderr: string;
  code: number;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/**
 * Run a command to completion. Under GNU time (`-v`), the peak RSS is the largest of the process
 * and the children it waited for (ru_maxrss), which is what a CI runner's memory limit sees first.
 */
export function runChild(cmd: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const [bin, argv] = hasGnuTime ? [GNU_TIME, ['-v', cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, argv, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stderr = Buffer.concat(err).toString('utf8');
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ ms, peakRss: rss ? Number(rss[1]) * 1024 : null, stdout: Buffer.concat(out).toString('utf8'), stderr, code: code ?? 1 });
    });
  });
}

/** Fail loudly with the child's stderr tail: a benchmark of a failed build is meaningless. */
export function ensureOk(run: ChildRun, what: string): ChildRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.split('\n').slice(-30).join('\n')}`);
  return run;
}

/**
 * A scratch folder under .bench/ of this project (git-ignored). Inside the project rather than in
 * /tmp with a symlinked node_modules: Vite resolves the symlink to its real path, outside the
 * Astro root, and Astro 7 then fails to find its compile metadata. Node's resolution walks up to
 * this project's node_modules instead, as in a monorepo.
 */
export function tempDir(prefix: string): string {
  const base = join(PROJECT_ROOT, '.bench');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/**
 * A private copy of the Astro project (config, src, public, scripts) under .bench/: Astro writes
 * `.astro/` into its root, and two builds in one root can clash.
 */
export function copyProject(): string {
  const dir = tempDir('site');
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public', 'scripts']) {
    const from = join(PROJECT_ROOT, entry);
    if (existsSync(from)) cpSync(from, join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Total bytes and HTML pages of a built site. */
export function siteSize(dir: string): { bytes: number; htmlFiles: number; htmlBytes: number } {
  let bytes = 0;
  let htmlFiles = 0;
  let htmlBytes = 0;
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const size = statSync(join(d.parentPath, d.name)).size;
    bytes += size;
    if (d.name.endsWith('.html')) (htmlFiles++, (htmlBytes += size));
  }
  return { bytes, htmlFiles, htmlBytes };
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
export const sec = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
