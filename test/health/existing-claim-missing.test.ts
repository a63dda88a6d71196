/**
 * EXISTING_CLAIM_MISSING: a deployed release mounts an existingClaim that nothing in the repository
 * makes, so its pod waits (Pending). Outside review, twenty-fourth round (two reviewers, two
 * repositories: `home-assistant-cache` beside a VolSync component that makes only `home-assistant`;
 * `openwebui` whose app does not include the VolSync template). None on the corpus.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const values = (claims: Record<string, string>) => `    persistence:\n${Object.entries(claims).map(([k, c]) => `      ${k}:\n        existingClaim: ${c}\n`).join('')}`;

describe('EXISTING_CLAIM_MISSING', () => {
  const repo = tempRepos(afterAll);
  const scan = async (files: Record<string, string>) => {
    const r = repo('existing-claim');
    bootstrap(r, 'main');
    r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    for (const [path, text] of Object.entries(files)) r.put(path, text);
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'EXISTING_CLAIM_MISSING').map((f) => `${f.source.file}:${f.source.line} ${f.message.split(',')[0]}`);
  };

  it('warns of the claim nothing makes, at its values line, not of one a manifest makes', async () => {
    const found = await scan({
      'apps/kustomization.yaml': 'resources:\n  - pvc.yaml\n  - release.yaml\n',
      'apps/pvc.yaml': pvc('hass'),
      'apps/release.yaml': helmRelease({ name: 'hass', namespace: 'home', chart: 'app-template', values: values({ config: 'hass', cache: 'hass-cache', tmpl: '${CLAIM}' }) }),
    });
    expect(found).toEqual(['apps/release.yaml:21 HelmRelease home/hass mounts existingClaim hass-cache']);
  });

  it('says nothing of a release its folder leaves out, nor where the repository makes no claim at all', async () => {
    expect(
      await scan({
        'apps/kustomization.yaml': 'resources:\n  - pvc.yaml\n',
        'apps/pvc.yaml': pvc('hass'),
        'apps/release.yaml': helmRelease({ name: 'hass', namespace: 'home', chart: 'app-template', values: values({ cache: 'hass-cache' }) }),
      }),
    ).toEqual([]);
    expect(await scan({ 'apps/release.yaml': helmRelease({ name: 'hass', namespace: 'home', chart: 'app-template', values: values({ cache: 'hass-cache' }) }) })).toEqual([]);
  });

  it('says nothing where a Kustomization applies another repository, which may make the claim', async () => {
    expect(
      await scan({
        'clusters/main/storage.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: storage-repo\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.org/storage.git\n  ref:\n    branch: main\n---\n' + fluxKustomization('storage', './claims').replace('name: flux-system\n', 'name: storage-repo\n'),
        'apps/kustomization.yaml': 'resources:\n  - pvc.yaml\n  - release.yaml\n',
        'apps/pvc.yaml': pvc('hass'),
        'apps/release.yaml': helmRelease({ name: 'hass', namespace: 'home', chart: 'app-template', values: values({ cache: 'hass-cache' }) }),
      }),
    ).toEqual([]);
  });
});
