/**
 * A dependsOn names objects of its owner's kind: a Kustomization's names Kustomizations. Where the
 * provider an app needs is a HelmRelease (OpenEBS installed by a release inside a shared
 * `infrastructure` Kustomization), the advice must name the Kustomization that applies it: an outside
 * review found `Add dependsOn: [{ name: openebs, namespace: openebs }]` on a Kustomization, the
 * HelmRelease's name and namespace, which would leave the Kustomization waiting for one that does not
 * exist ("dependency not found").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string, ns: string, cls: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  storageClassName: ${cls}\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('the dependsOn an implicit dependency advises', () => {
  const repo = tempRepos(afterAll);

  it("names the Kustomization that applies a provider's HelmRelease, not the HelmRelease", async () => {
    const r = repo('implicit-advice-kind');
    bootstrap(r, 'prod');
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - openebs.yaml\n  - nfs.yaml\n');
    r.put('infrastructure/openebs.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: openebs\n---\n${helmRelease({ name: 'openebs', namespace: 'openebs', chart: 'openebs' })}`);
    // A release that depends on it: the openebs HelmRelease is a node of the graph, as in the review's repository.
    r.put('infrastructure/nfs.yaml', helmRelease({ name: 'nfs-provisioner', namespace: 'nfs' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: openebs\n      namespace: openebs\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - cache.yaml\n');
    r.put('apps/cache.yaml', pvc('cache', 'default', 'openebs-hostpath'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'IMPLICIT_DEPENDENCY_MISSING');
    expect(found.map((f) => f.source.file)).toEqual(['clusters/prod/apps.yaml']);
    expect(found[0]!.message).toContain('[storage-openebs]');
    expect(found[0]!.message).toContain('Add dependsOn: [{ name: infrastructure, namespace: flux-system }] (the Kustomization that applies HelmRelease openebs/openebs');
    expect(found[0]!.message).not.toContain('name: openebs, namespace: openebs');
  });
});

describe('the advice where the Kustomization applying the provider also applies the consumer', () => {
  const repo = tempRepos(afterAll);

  // Code review: `infrastructure` applies the openebs HelmRelease and the child Kustomization `apps`; a
  // dependsOn on its own parent would deadlock with wait (the parent waits for the child).
  it('never names the consumer\'s own parent', async () => {
    const r = repo('implicit-advice-parent');
    bootstrap(r, 'prod');
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure'));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - openebs.yaml\n  - nfs.yaml\n  - apps-ks.yaml\n');
    r.put('infrastructure/openebs.yaml', helmRelease({ name: 'openebs', namespace: 'openebs', chart: 'openebs' }));
    r.put('infrastructure/nfs.yaml', helmRelease({ name: 'nfs-provisioner', namespace: 'nfs' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: openebs\n      namespace: openebs\n'));
    r.put('infrastructure/apps-ks.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - cache.yaml\n');
    r.put('apps/cache.yaml', pvc('cache', 'default', 'openebs-hostpath'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'IMPLICIT_DEPENDENCY_MISSING');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).not.toContain('name: infrastructure');
    expect(found[0]!.message).toContain('apply openebs/openebs from a Kustomization of its own and depend on that');
  });
});
