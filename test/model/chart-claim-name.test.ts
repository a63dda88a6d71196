/**
 * Gitea's and Forgejo's charts name their one claim in values: `persistence: {create: true, claimName,
 * size, storageClass}` makes it, `create: false` mounts an existing one. A forgejo app's page showed no
 * storage for `claimName: gitea-shared-storage` with `create: true` (outside review). A default name
 * not written, or one a template fills in, is not modelled.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe("a chart's claimName in values", () => {
  const repo = tempRepos(afterAll);

  it('is a claim of the release where create: true, an existing claim where create: false', async () => {
    const r = repo('chart-claim-name');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('git', './apps/git'));
    r.put('apps/git/kustomization.yaml', 'resources:\n  - releases.yaml\n  - pvc.yaml\n');
    r.put('apps/git/releases.yaml', [
      helmRelease({ name: 'forgejo', namespace: 'git', values: '    persistence:\n      enabled: true\n      create: true\n      claimName: gitea-shared-storage\n      size: 20Gi\n      storageClass: local-path\n' }),
      helmRelease({ name: 'gitea', namespace: 'git', values: '    persistence:\n      create: false\n      claimName: gitea-data\n' }),
      helmRelease({ name: 'other', namespace: 'git', values: '    persistence:\n      create: true\n      claimName: "{{ .Release.Name }}-data"\n' }),
      helmRelease({ name: 'plain', namespace: 'git', values: '    persistence:\n      enabled: true\n      size: 5Gi\n' }),
    ].join('---\n'));
    r.put('apps/git/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: gitea-data\n  namespace: git\nspec:\n  resources:\n    requests:\n      storage: 5Gi\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.pvcs.map((p) => `${p.name} ${p.origin} ${p.size} ${p.storageClass} ${p.helmRelease ?? '-'} ${p.existingClaimOf.join(',')}`).sort()).toEqual([
      'gitea-data manifest 5Gi null - HelmRelease/git/gitea',
      'gitea-shared-storage values 20Gi local-path HelmRelease/git/forgejo ',
    ]);
  });
});
