/**
 * A finding on a file every cluster builds from a shared base is one finding (`atlas check` counts it
 * once), and every cluster's page of the app shows it: a plain Secret of `clusters/base/ceph-csi/` was
 * on prod's page only, a ResourceSet of `tenants/` on prod-eu's only (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { appFindings } from '../../src/lib/site/app-facts.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const CLUSTERS = ['prod', 'staging', 'test'];

describe('a finding on a file the clusters share', () => {
  const repo = tempRepos(afterAll);

  it('is counted once and shown on each cluster’s page of its app', async () => {
    const r = repo('shared-base-finding');
    for (const c of CLUSTERS) {
      bootstrap(r, c);
      r.put(`clusters/${c}/infra-sync.yaml`, fluxKustomization(`${c}-infrastructure`, `./clusters/${c}/infrastructure`));
      r.put(`clusters/${c}/infrastructure/kustomization.yaml`, 'resources:\n  - ../../base/ceph-csi\n');
      r.put(`clusters/${c}/tenants.yaml`, fluxKustomization('tenants', './tenants'));
    }
    r.put('clusters/base/ceph-csi/kustomization.yaml', 'resources:\n  - repository.yaml\n  - release.yaml\n  - storageclass.yaml\n');
    r.put('clusters/base/ceph-csi/repository.yaml', helmRepository('ceph-csi', 'https://ceph.github.io/csi-charts'));
    r.put('clusters/base/ceph-csi/release.yaml', helmRelease({ name: 'ceph-csi-rbd', namespace: 'ceph-csi', source: 'ceph-csi' }));
    r.put('clusters/base/ceph-csi/storageclass.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: ceph-csi-rbd-secret\n  namespace: ceph-csi\nstringData:\n  userID: kubernetes\n  userKey: AQBq2ZlmAAAAABAAhT0nAbdYw6v0rOT8Ds7Emw==\n');
    r.put('tenants/kustomization.yaml', 'resources:\n  - apps.yaml\n');
    r.put('tenants/apps.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  inputs:\n    - tenant: frontend\n  resources:\n    - apiVersion: v1\n      kind: Namespace\n      metadata:\n        name: << inputs.tenant >>-<< inputs.id >>\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));

    const plain = model.findings.filter((f) => f.code === 'PLAIN_SECRET');
    expect(plain.map((f) => f.source.file)).toEqual(['clusters/base/ceph-csi/storageclass.yaml']);
    const notExpanded = model.findings.filter((f) => f.code === 'RESOURCESET_NOT_EXPANDED');
    expect(notExpanded.map((f) => f.source.file)).toEqual(['tenants/apps.yaml']);
    for (const c of CLUSTERS) {
      const page = (id: string) => appFindings(model, id).map((f) => f.code);
      expect(page(`${c}/ceph-csi/ceph-csi-rbd`)).toContain('PLAIN_SECRET');
      expect(page(`${c}/flux-system/tenants`)).toContain('RESOURCESET_NOT_EXPANDED');
    }
  });

  it("keeps a cluster's own finding on that cluster's page", async () => {
    // A namespace without a NetworkPolicy in one cluster: the other cluster's app, whose namespace has one, does not show it.
    const r = repo('shared-base-own-cluster');
    for (const c of ['prod', 'staging']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization(`${c}-apps`, `./clusters/${c}/apps`));
    }
    r.put('clusters/prod/apps/kustomization.yaml', 'resources:\n  - ../../base/web\n');
    r.put('clusters/staging/apps/kustomization.yaml', 'resources:\n  - ../../base/web\n  - deny.yaml\n');
    r.put('clusters/staging/apps/deny.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: web\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');
    r.put('clusters/base/web/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - repository.yaml\n  - release.yaml\n');
    r.put('clusters/base/web/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
    r.put('clusters/base/web/repository.yaml', helmRepository('charts', 'https://charts.example.com'));
    r.put('clusters/base/web/release.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    const { model } = await computeAtlas(r.root, parseConfig({}));
    const open = model.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING' && f.message.startsWith('Namespace web '));
    expect(open.map((f) => [f.appId, f.alsoAppIds])).toEqual([['prod/web/web', undefined]]);
    expect(appFindings(model, 'staging/web/web').map((f) => f.code)).not.toContain('NETWORK_POLICY_MISSING');
  });
});
