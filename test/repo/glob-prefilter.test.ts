/**
 * matchesPattern decides most paths without Node's glob matcher, by the plain segments a glob
 * names (`archive` of `**\/archive/**`): it must answer exactly as the matcher does, for globs with
 * plain segments, wildcards in segments, braces, classes, extglobs and dots.
 */
import { matchesGlob } from 'node:path/posix';
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../src/repo/globs.ts';

const PATTERNS = [
  'archive/**', '**/archive/**', '.archive/**', '**/.archive/**', '**/templates/**', 'kubernetes/*/archive/*.yaml',
  '**/old-*/**', 'apps/{media,home}/**', '**/[ab]rchive/**', '**/@(archive|retired)/**', '**/!(apps)/x.yaml',
  'clusters/**/flux-system/gotk-*.yaml', '**/archive', 'a b/**', '**/v1.2/**', '*.yaml', '**/*.sops.yaml',
  '{kubernetes/archive/**,old/**}', 'apps/tmp/../*.yaml', 'archive/../x/*.yaml', 'apps/./media/*', 'x//archive/*',
];
const PATHS = [
  'archive/a.yaml', 'x/archive/a.yaml', 'x/archived/a.yaml', 'x/my-archive/a.yaml', '.archive/k/a.yaml', 'x/.archive/a.yaml',
  'charts/app/templates/d.yaml', 'templates.yaml', 'kubernetes/apps/archive/a.yaml', 'kubernetes/apps/archive/b/a.yaml',
  'x/old-app/a.yaml', 'apps/media/a.yaml', 'apps/homes/a.yaml', 'x/brchive/a.yaml', 'x/retired/a.yaml', 'x/y/x.yaml',
  'apps/x.yaml', 'clusters/main/flux-system/gotk-sync.yaml', 'clusters/flux-system/gotk-components.yaml', 'x/archive',
  'a b/c.yaml', 'x/v1.2/a.yaml', 'x/v1x2/a.yaml', 'top.yaml', 'secret.sops.yaml', 'apps/db/secret.sops.yaml',
  'old/x.yaml', 'kubernetes/archive/k.yaml', 'apps/x.yaml', 'x/a.yaml', 'apps/media/a.yaml', 'x/archive/b',
];

describe('matchesPattern', () => {
  it('answers as the glob matcher does for every glob with a wildcard', () => {
    let matched = 0;
    for (const pattern of PATTERNS) {
      for (const path of PATHS) {
        const expected = matchesGlob(path, pattern);
        if (expected) matched++;
        expect(matchesPattern(path, pattern), `${path} ~ ${pattern}`).toBe(expected);
      }
    }
    // The table exercises both answers.
    expect(matched).toBeGreaterThan(20);
  });
});
