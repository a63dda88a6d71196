/**
 * A base two clusters deploy gives one finding per cluster of the same text (file, line, message). An
 * outside review found the deployed cluster's BACKUP_MISSING lost: the findings were deduplicated
 * before those of apps not deployed were dropped, and the copy kept was the one of the cluster whose
 * build fails.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: web\nspec:\n  storageClassName: longhorn\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n';

describe('one finding in a base two clusters deploy', () => {
  const repo = tempRepos(afterAll);

  it('is kept for the cluster that deploys it', async () => {
    const r = repo('dedupe-after-deployed');
    // "dev" sorts before "prod": its copy of the finding came first.
    bootstrap(r, 'dev');
    bootstrap(r, 'prod');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - pvc.yaml\n');
    r.put('apps/base/pvc.yaml', pvc);
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\n');
    // The dev overlay's build fails: a file it names is not there.
    r.put('apps/dev/kustomization.yaml', 'resources:\n  - ../base\n  - extra.yaml\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    const backup = findings.filter((f) => f.code === 'BACKUP_MISSING' && f.source.file === 'apps/base/pvc.yaml');
    expect(backup.length).toBe(1);
    const app = model.apps.find((a) => a.id === backup[0]!.appId);
    expect(app?.cluster).toBe('prod');
    expect(app?.notDeployed ?? null).toBeNull();
  });
});
