/**
 * A fleet with a folder per environment and region (`clusters/staging/eu/`, `clusters/staging/us/`),
 * each with its own bootstrap applying only its own folder, is one cluster per region folder. An
 * outside review found the clusters named by the first folder below `clusters/` only: both staging
 * regions were one cluster "staging", their Kustomizations and GitRepository "defined twice"
 * (DUPLICATE_OBJECT, "kustomize refuses a build with both") and their apps colliding.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

describe('cluster folders two levels below clusters/', () => {
  const repo = tempRepos(afterAll);

  it('are one cluster each, named by both folders; a one-level cluster beside them keeps its name', async () => {
    const r = repo('nested-clusters');
    for (const c of ['staging/eu', 'staging/us', 'production/eu']) {
      r.put(`clusters/${c}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${c}`));
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c.split('/').pop()}`));
    }
    // A bootstrap of the cluster's own flux/ folder, beside a root of the cluster's folder: one cluster, "lab".
    r.put('clusters/lab/flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/lab/flux'));
    r.put('clusters/lab/apps.yaml', fluxKustomization('apps', './apps/lab'));
    r.put('apps/eu/settings.yaml', cm('settings'));
    r.put('apps/us/settings.yaml', cm('settings'));
    r.put('apps/lab/settings.yaml', cm('settings'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.clusters).toEqual(['lab', 'production-eu', 'staging-eu', 'staging-us']);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'DUPLICATE_OBJECT' || f.code === 'APP_ID_COLLISION')).toEqual([]);
    expect(model.objects.filter((o) => o.kind === 'ConfigMap').map((o) => o.id).sort()).toEqual([
      'ConfigMap/default/settings@lab',
      'ConfigMap/default/settings@production-eu',
      'ConfigMap/default/settings@staging-eu',
      'ConfigMap/default/settings@staging-us',
    ]);
  });
});
