import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Run `node <args>` with a module load hook and return the URL of every module the process loaded
 * (for tests of what a command costs at start-up). The hook and its record live in `dir`.
 */
export function loadedModules(dir: string, args: readonly string[], options: SpawnSyncOptions = {}): { status: number | null; stdout: string; stderr: string; urls: string[] } {
  const hook = join(dir, 'record-loads.mjs');
  const record = join(dir, `loaded-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    hook,
    "import module from 'node:module';\nimport { writeFileSync } from 'node:fs';\nconst urls = [];\n" +
      'module.registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });\n' +
      "process.on('exit', () => writeFileSync(process.env.ATLAS_TEST_LOADED, JSON.stringify(urls)));\n",
  );
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    ...options,
    env: { ...(options.env ?? process.env), ATLAS_TEST_LOADED: record },
  });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), urls: JSON.parse(readFileSync(record, 'utf8')) as string[] };
}
