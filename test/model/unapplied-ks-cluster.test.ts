/**
 * A Flux Kustomization written in a cluster's folder that its kustomization.yaml leaves out
 * (`clusters/staging/infra-configs-sync.yaml`, listed in prod's and test's lists but not staging's):
 * Flux does not apply it. Its app is still staging's, in the namespace its deployed
 * twin is, and its page keeps its spec.dependsOn and the live Kustomization that waits for it,
 * marked as not applied. It was `metallb-system/infrastructure-configs`, of no cluster, whose page said
 * "No dependencies declared" (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const pool = 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: default-pool\n  namespace: metallb-system\nspec:\n  addresses:\n    - 10.0.0.120-10.0.0.139\n';
const issuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: selfsigned\nspec:\n  selfSigned: {}\n';

describe('a Kustomization its cluster folder leaves out', () => {
  const repo = tempRepos(afterAll);

  it("is an app of that cluster, with its dependsOn and its dependents marked as not applied", async () => {
    const r = repo('unapplied-ks-cluster');
    r.put('clusters/base/issuers/kustomization.yaml', 'resources:\n  - issuer.yaml\n');
    r.put('clusters/base/issuers/issuer.yaml', issuer);
    for (const c of ['prod', 'staging']) {
      r.put(`clusters/${c}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${c}`));
      r.put(`clusters/${c}/infra-sync.yaml`, fluxKustomization(`${c}-infrastructure`, `./clusters/${c}/infrastructure`));
      r.put(`clusters/${c}/infrastructure/kustomization.yaml`, 'resources:\n  - namespace.yaml\n');
      r.put(`clusters/${c}/infrastructure/namespace.yaml`, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: metallb-system\n');
      r.put(`clusters/${c}/infra-configs-sync.yaml`, fluxKustomization(`${c}-infrastructure-configs`, `./clusters/${c}/infrastructure-configs`, `  dependsOn:\n    - name: ${c}-infrastructure\n`));
      r.put(`clusters/${c}/infrastructure-configs/kustomization.yaml`, 'resources:\n  - ../../base/issuers\n  - metallb-config.yaml\n');
      r.put(`clusters/${c}/infrastructure-configs/metallb-config.yaml`, pool);
      r.put(`clusters/${c}/tenant-sync.yaml`, fluxKustomization(`${c}-tenants`, './tenant', `  dependsOn:\n    - name: ${c}-infrastructure-configs\n`));
    }
    r.put('tenant/kustomization.yaml', 'resources:\n  - namespace.yaml\n');
    r.put('tenant/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tenant-a\n');
    r.put('clusters/prod/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - infra-sync.yaml\n  - infra-configs-sync.yaml\n  - tenant-sync.yaml\n');
    r.put('clusters/staging/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - infra-sync.yaml\n  - tenant-sync.yaml\n');
    const { model } = await computeAtlas(r.root, parseConfig({}));

    // (In the namespace of its twin, whose build was read whole; here its objects agree on one.)
    const configs = model.apps.filter((a) => a.dir.endsWith('/infrastructure-configs')).map((a) => [a.id, a.cluster, a.notDeployed !== null && a.notDeployed !== undefined]);
    expect(configs).toEqual([
      ['prod/metallb-system/infrastructure-configs', 'prod', false],
      ['staging/metallb-system/infrastructure-configs', 'staging', true],
    ]);
    const links = (l: readonly { name: string; appId: string | null; notApplied?: true }[]) => l.map((x) => [x.name, x.appId, x.notApplied ?? false]);
    const off = appFacts(model, 'staging/metallb-system/infrastructure-configs')!;
    expect(links(off.dependsOn)).toEqual([['staging-infrastructure', 'staging/flux-system/infrastructure', true]]);
    expect(links(off.dependedOnBy)).toEqual([['staging-tenants', 'staging/flux-system/staging-tenants', true]]);
    // The live Kustomization that waits for it links to it, not "not in the repository".
    expect(links(appFacts(model, 'staging/flux-system/staging-tenants')!.dependsOn)).toEqual([['staging-infrastructure-configs', 'staging/metallb-system/infrastructure-configs', true]]);
    // The deployed twin is as before, and nothing marks it.
    expect(links(appFacts(model, 'prod/metallb-system/infrastructure-configs')!.dependsOn)).toEqual([['prod-infrastructure', 'prod/flux-system/infrastructure', false]]);
  });
});
