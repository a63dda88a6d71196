/**
 * A claim no backup applies to (a network share, a cache) is "not applicable" in the backup matrix, but
 * the app's README said "**not backed up**" beside it (outside review: four NFS claims of one app). The
 * app's facts carry the matrix's reason, the README and page say it; a claim that needs a backup and has
 * none still says "not backed up"; an app-level backup (a backup CronJob) is listed as one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string, cls: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  storageClassName: ${cls}\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('backup of an app whose claims need none', () => {
  const repo = tempRepos(afterAll);

  it('says why, where it said "not backed up"', async () => {
    const r = repo('readme-backup-not-needed');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', fluxKustomization('media', './apps/media', '  targetNamespace: media\n'));
    r.put('apps/media/kustomization.yaml', 'resources:\n  - claims.yaml\n');
    r.put('apps/media/claims.yaml', [pvc('media-library', 'nfs-csi'), pvc('media-config', 'longhorn')].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const f = appFacts(model, model.apps.find((a) => a.name === 'media')!.id)!;
    expect(f.storage.map((v) => `${v.name}: ${v.notNeeded ?? '-'}`)).toEqual(['media-config: -', 'media-library: network share (storage class nfs-csi)']);
    const readme = renderAppReadme(f);
    expect(readme).toMatch(/\| media-library \|[^\n]*not applicable: network share \(storage class nfs-csi\)/);
    expect(readme).toMatch(/\| media-config \|[^\n]*\*\*not backed up\*\*/);
  });
});
