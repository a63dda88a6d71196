/**
 * The CLI turns on Node's compile cache (scripts/compile-cache.ts), so a second `atlas scan` does
 * not strip and compile our TypeScript and node_modules again. The cache goes to the OS temp folder
 * (TMPDIR here, a fresh folder), unless NODE_DISABLE_COMPILE_CACHE says no.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Run `atlas --help` (it loads every command's module) with a fresh temp folder; the cache files it left. */
function cacheFilesAfterHelp(extraEnv: Record<string, string> = {}): string[] {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-compile-cache-'));
  dirs.push(tmp);
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, ...extraEnv };
  delete env.NODE_COMPILE_CACHE;
  if (!('NODE_DISABLE_COMPILE_CACHE' in extraEnv)) delete env.NODE_DISABLE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, ['scripts/atlas.ts', '--help'], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('Usage: atlas <command>');
  const cache = join(tmp, 'node-compile-cache');
  return existsSync(cache) ? readdirSync(cache, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
}

describe('the CLI and Node’s compile cache', () => {
  it('writes the compiled modules of a run to the compile cache', () => {
    expect(cacheFilesAfterHelp().length).toBeGreaterThan(10);
  });

  it('writes nothing when NODE_DISABLE_COMPILE_CACHE is set', () => {
    expect(cacheFilesAfterHelp({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual([]);
  });
});
