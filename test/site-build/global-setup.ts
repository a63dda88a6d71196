import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Build the example site once for the site and browser tests, into artifacts/ so that a
 * developer's dist/ is left alone: at the root (artifacts/test-site) and under a base path, as a
 * GitHub Pages project site is served (artifacts/test-site-base, --base /atlas). Each build runs on
 * its own copy of the site template in its own cache dir (ATLAS_COPY_TEMPLATE, the installed
 * package's code path), so the two run in parallel and never share `.astro/` with a developer's
 * build running at the same time. ATLAS_REUSE_TEST_SITE=1 reuses existing builds.
 */
export const SITE_DIR = join(process.cwd(), 'artifacts/test-site');
export const BASE_SITE_DIR = join(process.cwd(), 'artifacts/test-site-base');
export const BASE_PATH = '/atlas';

/** Build examples/homelab (or `repo`) with the CLI in a child process; resolves when `out` is written. */
export async function buildExample(out: string, extra: string[] = [], repo = 'examples/homelab', env: NodeJS.ProcessEnv = {}): Promise<string> {
  const cache = join(process.cwd(), 'artifacts/.cache', out.split('/').pop()!);
  const { stderr } = await run(process.execPath, ['scripts/atlas.mjs', 'build', '--repo', repo, '--out', out, ...extra], {
    env: { ...process.env, ATLAS_COPY_TEMPLATE: '1', ATLAS_CACHE_DIR: cache, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!statSync(join(out, 'index.html')).isFile()) throw new Error(`the site in ${out} did not build`);
  return stderr;
}

export default async function setup(): Promise<void> {
  const reuse = process.env.ATLAS_REUSE_TEST_SITE === '1';
  const builds: Array<Promise<unknown>> = [];
  if (!(reuse && existsSync(join(SITE_DIR, 'index.html')))) builds.push(buildExample(SITE_DIR, ['--quiet']));
  if (!(reuse && existsSync(join(BASE_SITE_DIR, 'index.html')))) builds.push(buildExample(BASE_SITE_DIR, ['--quiet', '--base', BASE_PATH]));
  await Promise.all(builds);
}
