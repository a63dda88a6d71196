/**
 * A pod mounts a claim of its own cluster. Two clusters build one base (a HelmRelease with
 * `existingClaim: podinfo-data` beside the claim) through their overlays: production's claim listed
 * the staging release as its user too, and staging's claim none (outside review, a claim matched by
 * namespace and name only, else the first of its name). A claim only the other cluster's overlay makes
 * is EXISTING_CLAIM_MISSING for this one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string, namespace = '') => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n${namespace && `  namespace: ${namespace}\n`}spec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('an existingClaim in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("is each cluster's own claim, and missing where only the other cluster makes it", async () => {
    const r = repo('existing-claim-per-cluster');
    for (const cluster of ['production', 'staging']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/apps.yaml`, fluxKustomization('apps', `./apps/${cluster}`));
    }
    r.put('apps/base/podinfo/kustomization.yaml', 'namespace: podinfo\nresources:\n  - helmrelease.yaml\n  - pvc.yaml\n');
    r.put('apps/base/podinfo/helmrelease.yaml', helmRelease({ name: 'podinfo', values: '    persistence:\n      enabled: true\n      existingClaim: podinfo-data\n    cache:\n      persistence:\n        existingClaim: podinfo-cache\n' }));
    r.put('apps/base/podinfo/pvc.yaml', pvc('podinfo-data'));
    // Only production's overlay adds the cache claim.
    r.put('apps/production/kustomization.yaml', 'resources:\n  - ../base/podinfo\n  - cache.yaml\n');
    r.put('apps/production/cache.yaml', pvc('podinfo-cache', 'podinfo'));
    r.put('apps/staging/kustomization.yaml', 'resources:\n  - ../base/podinfo\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.clusters).toEqual(['production', 'staging']);
    const claims = Object.fromEntries(model.pvcs.map((p) => [p.id, p.existingClaimOf]));
    expect(claims).toEqual({
      'PersistentVolumeClaim/podinfo/podinfo-cache@production': ['HelmRelease/podinfo/podinfo@production'],
      'PersistentVolumeClaim/podinfo/podinfo-data@production': ['HelmRelease/podinfo/podinfo@production'],
      'PersistentVolumeClaim/podinfo/podinfo-data@staging': ['HelmRelease/podinfo/podinfo@staging'],
    });
    const missing = analyse(model, config).findings.filter((f) => f.code === 'EXISTING_CLAIM_MISSING');
    expect(missing.map((f) => [f.objectId, f.message.slice(0, f.message.indexOf(':'))])).toEqual([
      ['HelmRelease/podinfo/podinfo@staging', "HelmRelease podinfo/podinfo mounts existingClaim podinfo-cache, which nothing of cluster staging makes (no PersistentVolumeClaim of that name, written or rendered, in its builds; production makes one, which this cluster's pods cannot mount)"],
    ]);
  });
});
