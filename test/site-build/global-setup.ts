import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Build the example site once for the site and browser tests, into its own folder so that a
 * developer's dist/ is left alone. Rebuilt when any source is newer than the build.
 */
export const SITE_DIR = join(process.cwd(), 'artifacts/test-site');

export default function setup(): void {
  if (existsSync(join(SITE_DIR, 'index.html')) && process.env.ATLAS_REUSE_TEST_SITE === '1') return;
  execFileSync(process.execPath, ['scripts/atlas.ts', 'build', '--repo', 'examples/homelab', '--out', SITE_DIR, '--quiet'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env },
  });
  if (!statSync(join(SITE_DIR, 'index.html')).isFile()) throw new Error('the example site did not build');
}
