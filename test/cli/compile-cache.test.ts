/**
 * The CLI turns on Node's compile cache (scripts/atlas.mjs), so a second `atlas scan` does
 * not strip and compile our TypeScript and node_modules again. The cache goes beside the package
 * (node_modules/.cache/gitops-atlas/), or to NODE_COMPILE_CACHE (a fresh folder here), never to the
 * OS temp folder; NODE_DISABLE_COMPILE_CACHE says no.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : [];
}

/** Run `atlas --help` (it loads every command's module) with a fresh temp folder and cache folder. */
function runHelp(extraEnv: Record<string, string> = {}): { tmp: string; cache: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-compile-cache-'));
  const cache = mkdtempSync(join(tmpdir(), 'atlas-compile-cache-dir-'));
  dirs.push(tmp, cache);
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, NODE_COMPILE_CACHE: cache, ...extraEnv };
  if (!('NODE_DISABLE_COMPILE_CACHE' in extraEnv)) delete env.NODE_DISABLE_COMPILE_CACHE;
  const r = spawnSync(process.execPath, ['scripts/atlas.mjs', '--help'], { cwd: ROOT, encoding: 'utf8', env });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('Usage: atlas <command>');
  return { tmp, cache };
}

/** The cache files a run left in NODE_COMPILE_CACHE's folder. */
function cacheFilesAfterHelp(extraEnv: Record<string, string> = {}): string[] {
  return files(runHelp(extraEnv).cache);
}

describe('the CLI and Node’s compile cache', () => {
  it('writes the compiled modules of a run to the compile cache', () => {
    expect(cacheFilesAfterHelp().length).toBeGreaterThan(10);
  });

  it('leaves nothing in the OS temp folder without NODE_COMPILE_CACHE (the cache goes beside the package)', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'atlas-compile-cache-'));
    dirs.push(tmp);
    const own = join(ROOT, 'node_modules/.cache/gitops-atlas/node-compile-cache');
    rmSync(own, { recursive: true, force: true }); // a cache: safe to empty; this run must fill it
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    const r = spawnSync(process.execPath, ['scripts/atlas.mjs', '--help'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    expect(files(own).length).toBeGreaterThan(10);
  });

  it('caches the CLI’s own modules, not only the commands’: the entry turns the cache on before it loads them', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_COMPILE_CACHE;
    delete env.NODE_DISABLE_COMPILE_CACHE;
    rmSync(join(ROOT, 'node_modules/.cache/gitops-atlas/node-compile-cache'), { recursive: true, force: true });
    expect(spawnSync(process.execPath, ['scripts/atlas.mjs', '--version'], { cwd: ROOT, env }).status).toBe(0);
    const again = spawnSync(process.execPath, ['scripts/atlas.mjs', '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' } });
    expect(again.status, again.stderr).toBe(0);
    const log = again.stdout + again.stderr;
    // Modules a static import of the entry would have compiled before the cache was on.
    for (const file of ['scripts/cli.ts', 'scripts/cli-args.ts', 'src/config/load.ts', 'src/config/schema.ts']) {
      expect(log).toMatch(new RegExp(`retrieving transpile cache for StrippedTypeScript file://\\S*/${file.replace('.', '\\.')}\\.\\.\\.success`));
    }
    // Every TypeScript module of a warm run comes from the cache, so the type stripper (a WebAssembly
    // build of swc, ~50 ms to load) is never needed: the entry itself is JavaScript for this reason.
    const lookups = [...log.matchAll(/retrieving transpile cache for StrippedTypeScript (\S+?)\.\.\.(\w+)/g)];
    expect(lookups.length).toBeGreaterThan(3);
    expect(lookups.filter((m) => m[2] !== 'success').map((m) => m[1])).toEqual([]);
    const hook = join(mkdtempSync(join(tmpdir(), 'atlas-compile-cache-hook-')), 'internals.mjs');
    dirs.push(dirname(hook));
    writeFileSync(hook, "process.on('exit', () => process.stderr.write(`TYPE_STRIPPER_LOADED=${process.moduleLoadList.some((m) => m.includes('amaro'))}\\n`));\n");
    const warm = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, 'scripts/atlas.mjs', '--version'], { cwd: ROOT, encoding: 'utf8', env });
    expect(warm.stderr).toContain('TYPE_STRIPPER_LOADED=false');
  });

  it('writes nothing when NODE_DISABLE_COMPILE_CACHE is set', () => {
    expect(cacheFilesAfterHelp({ NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual([]);
  });
});
