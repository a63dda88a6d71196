import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExample } from './global-setup.ts';
import { listFiles } from './site-files.ts';

/**
 * Two builds of the same commit give the same bytes (STYLE.md rule 4), Pagefind's index included:
 * the example is built twice, one after the other, from two different cache folders (as two CI runners
 * would), and every file of the two dist/ folders is compared. The footer names the commit. One build
 * runs from the checkout's CLI bundle (scripts/launch/bundled.mjs), the other from the sources
 * (ATLAS_NO_BUNDLE=1): the bundle is a faster start, never another site.
 */
const A = join(process.cwd(), 'artifacts/repro-a');
const B = join(process.cwd(), 'artifacts/repro-b');

describe('reproducible builds', () => {
  it('writes identical bytes in two builds of the same commit, and names the commit in the footer', async () => {
    // The bundle made fresh first (an edit makes it stale; a stale one is built before the run).
    execFileSync(process.execPath, ['scripts/atlas.mjs', 'scan', '--repo', 'examples/homelab', '--json', '--quiet'], { stdio: 'ignore', env: { ...process.env, ATLAS_NO_BUNDLE: '' } });
    // One after the other, so that a clock on any page (to the second) would differ.
    const fromBundle = await buildExample(A, ['--quiet'], 'examples/homelab', { ATLAS_NO_BUNDLE: '' });
    await buildExample(B, ['--quiet'], 'examples/homelab', { ATLAS_NO_BUNDLE: '1' });
    expect(fromBundle, 'no warning (such as Node\'s on the bundle\'s loader) on stderr').toBe('');
    const files = listFiles(A);
    expect(listFiles(B)).toEqual(files);
    expect(files.filter((f) => f.startsWith('pagefind/')).length).toBeGreaterThan(5);
    expect(files.some((f) => f.startsWith('pagefind/fragment/'))).toBe(true);
    const differ = files.filter((f) => !readFileSync(join(A, f)).equals(readFileSync(join(B, f))));
    expect(differ).toEqual([]);

    // examples/homelab lives in this repository: its commit is HEAD's.
    const [sha, date] = execFileSync('git', ['log', '-1', '--format=%H%x1f%cI'], { encoding: 'utf8' }).trim().split('\x1f') as [string, string];
    const home = readFileSync(join(A, 'index.html'), 'utf8');
    const footer = home.slice(home.indexOf('atlas-built-from'));
    expect(footer).toContain(sha.slice(0, 12));
    expect(footer).toContain(`datetime="${date}"`);
  });
});
