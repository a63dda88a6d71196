/**
 * A folder the `archive` globs match (by default any `templates/`) that a Flux build deploys from is
 * in use, not retired. An outside review found `kubernetes/templates/volsync`, listed as a resource by
 * the media apps, shown as an archive: its claim belonged to a made-up archived app, the app that
 * deploys it showed no storage, and BACKUP_MISSING was never said. A templates folder nothing deploys
 * stays an archive.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${APP}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n';

describe('a templates/ folder', () => {
  const repo = tempRepos(afterAll);
  const layout = (listed: boolean) => {
    const r = repo('templates-folder');
    bootstrap(r, 'home');
    r.put('clusters/home/plex.yaml', fluxKustomization('plex', './apps/media/plex/app', '  targetNamespace: media\n  postBuild:\n    substitute:\n      APP: plex\n'));
    r.put('apps/media/plex/app/kustomization.yaml', `resources:\n  - configmap.yaml\n${listed ? '  - ../../../../templates/volsync\n' : ''}`);
    r.put('apps/media/plex/app/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plex\ndata:\n  TZ: UTC\n');
    r.put('templates/volsync/kustomization.yaml', 'resources:\n  - pvc.yaml\n');
    r.put('templates/volsync/pvc.yaml', pvc);
    return r.root;
  };
  const scan = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return { model, findings: analyse(model, config).findings };
  };

  it('that a deployed app lists is in use: the claim is the app’s, and its missing backup is said', async () => {
    const { model, findings } = await scan(layout(true));
    expect(model.pvcs.map((p) => `${p.namespace}/${p.name} ${p.appId}`)).toEqual(['media/plex media/plex']);
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING').map((f) => f.objectId)).toEqual(['PersistentVolumeClaim/media/plex']);
    expect(findings.some((f) => f.code === 'NOT_DEPLOYED' && f.message.includes('archive'))).toBe(false);
    expect(model.files.find((f) => f.path === 'templates/volsync/pvc.yaml')?.archived).toBeUndefined();
  });

  it('that nothing deploys stays an archive', async () => {
    const { model, findings } = await scan(layout(false));
    expect(findings.filter((f) => f.code === 'BACKUP_MISSING')).toEqual([]);
    expect(model.files.find((f) => f.path === 'templates/volsync/pvc.yaml')?.archived).toBeDefined();
  });
});
