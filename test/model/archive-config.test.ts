/**
 * Issue 18: the configuration option `archive` decides which folders hold retired manifests. The
 * chart-sources fixture has `.archive/` (archived by the default globs) and `retired/` (not).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { archiveFolderOf } from '../../src/repo/globs.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { FIXTURES } from './scan-fixture.ts';

const REPO = join(FIXTURES, 'chart-sources');
const scan = async (archive?: string[]) => {
  const config = parseConfig(archive ? { archive } : {});
  const { model } = await scanRepo(REPO, config);
  return { model, findings: analyse(model, config).findings };
};
const notDeployed = (m: Awaited<ReturnType<typeof scan>>['model']) => Object.fromEntries(m.apps.filter((a) => a.notDeployed).map((a) => [a.id, a.notDeployed!.split(' holds')[0]!.split(':')[0]]));

describe('configuration `archive`', () => {
  it('by default archives .archive/ and leaves retired/ merely unreached', async () => {
    const { model, findings } = await scan();
    expect(model.files.filter((f) => f.archived).map((f) => `${f.path} in ${f.archived}`)).toEqual([
      '.archive/old-app/app/helmrelease.yaml in .archive/',
      '.archive/old-app/app/kustomization.yaml in .archive/',
      '.archive/old-app/app/ocirepository.yaml in .archive/',
      '.archive/old-app/ks.yaml in .archive/',
    ]);
    // (The archived ks.yaml's path names where the app lived, `apps/home/old-app/app`, which is gone:
    // the Kustomization is the archived app's, not a second app at that path, `home/old-app-archived`.)
    expect(notDeployed(model)).toEqual({ 'home/old-app': 'Archived', 'legacy/legacy': 'No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder).' });
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.message)).toEqual([
      '.archive/ is an archive: 1 app(s) kept there are not deployed and not checked.',
      expect.stringMatching(/^legacy\/legacy is not deployed: /),
    ]);
  });

  it("a user's setting replaces the defaults: retired/ is archived, .archive/ is not", async () => {
    const { model, findings } = await scan(['retired']);
    expect(model.files.filter((f) => f.archived).map((f) => `${f.path} in ${f.archived}`)).toEqual(['retired/legacy/app/configmap.yaml in retired/', 'retired/legacy/ks.yaml in retired/']);
    expect(notDeployed(model)['legacy/legacy']).toBe('Archived');
    expect(notDeployed(model)['home/old-app']).toMatch(/^No Flux Kustomization reached/);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.message)).toContain('retired/ is an archive: 1 app(s) kept there are not deployed and not checked.');
  });
});

describe('the archive folder a glob names', () => {
  it('is the folder under which every file matches, else the file\'s own folder', () => {
    const defaults = parseConfig({}).archive;
    expect(archiveFolderOf('.archive/old/ks.yaml', defaults)).toBe('.archive/');
    expect(archiveFolderOf('kubernetes/archive/old/app/hr.yaml', defaults)).toBe('kubernetes/archive/');
    expect(archiveFolderOf('charts/x/templates/deploy.yaml', defaults)).toBe('charts/x/templates/');
    expect(archiveFolderOf('kubernetes/apps/plex/ks.yaml', defaults)).toBeNull();
    expect(archiveFolderOf('old/apps/plex/ks.yaml', ['old/**/*.yaml'])).toBe('old/');
    expect(archiveFolderOf('apps/plex/retired.yaml', ['**/retired.yaml'])).toBe('apps/plex/');
  });
});
