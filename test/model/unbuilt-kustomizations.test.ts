/**
 * A build Flux never runs cannot fail: an outside review found KUSTOMIZE_HELM_CHARTS and
 * KUSTOMIZE_FILE_MISSING errors on Flux Kustomizations that nothing applies (their ks.yaml is in a
 * folder its parent's kustomization.yaml does not list) and on ones suspended by a parent's patch (a
 * repository moving its apps to another tool). And a Kustomization that waits (dependsOn) for one whose
 * build fails is held by Flux: it was modelled as deployed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { heldBack } from '../../src/model/app.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const HELM_CHARTS = 'helmCharts:\n  - name: echo\n    repo: https://charts.example.org\n    version: 1.0.0\n';
const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: demo\n`;

async function check(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, findings: analyse(model, config).findings };
}
const codes = (findings: { code: string; severity: string; source: { file: string } }[]) =>
  findings.filter((f) => f.severity !== 'info' || f.code === 'NOT_DEPLOYED' || f.code === 'FLUX_SUSPENDED').map((f) => `${f.code} ${f.source.file}`).sort();

describe('a Flux Kustomization whose build Flux never runs', () => {
  const repo = tempRepos(afterAll);

  it('is not reported as failing where no root reaches it; it is not deployed for that', async () => {
    const r = repo('unreached-build');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    // apps/network/kustomization.yaml lists its Namespace only: the apps' ks.yaml files are applied by nothing.
    r.put('apps/network/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n');
    r.put('apps/network/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: network\n');
    r.put('apps/network/gateway/ks.yaml', fluxKustomization('gateway', './apps/network/gateway/app', '  targetNamespace: network\n'));
    r.put('apps/network/gateway/app/kustomization.yaml', HELM_CHARTS);
    r.put('apps/network/echo/ks.yaml', fluxKustomization('echo', './apps/network/echo/app', '  targetNamespace: network\n'));
    r.put('apps/network/echo/app/kustomization.yaml', 'resources:\n  - ./secret.sops.yaml\n');
    const { model, findings } = await check(r.root);
    expect(codes(findings)).toEqual(['NOT_DEPLOYED apps/network/echo/ks.yaml', 'NOT_DEPLOYED apps/network/gateway/ks.yaml']);
    expect(model.apps.filter((a) => a.notDeployed).map((a) => a.notDeployed)).toEqual([
      'No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder).',
      'No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder).',
    ]);
  });

  it('is reported where the repository has no root at all (applied by hand: nothing says it is not)', async () => {
    const r = repo('rootless-build');
    r.put('apps/gateway/ks.yaml', fluxKustomization('gateway', './apps/gateway/app', '  targetNamespace: network\n'));
    r.put('apps/gateway/app/kustomization.yaml', HELM_CHARTS);
    const { findings } = await check(r.root);
    expect(codes(findings)).toContain('KUSTOMIZE_HELM_CHARTS apps/gateway/app/kustomization.yaml');
  });

  it('is not reported as failing where it is suspended, also by a parent\'s patch; FLUX_SUSPENDED says it waits', async () => {
    const r = repo('suspended-build');
    bootstrap(r);
    const suspendByLabel =
      '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: _\n        spec:\n          suspend: true\n      target:\n        kind: Kustomization\n        labelSelector: home-ops.io/controller=argocd\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', suspendByLabel));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./echo/ks.yaml\n  - ./web/ks.yaml\n');
    r.put('apps/echo/ks.yaml', fluxKustomization('echo', './apps/echo/app', '  targetNamespace: demo\n').replace('  namespace: flux-system\n', '  namespace: flux-system\n  labels:\n    home-ops.io/controller: argocd\n'));
    r.put('apps/echo/app/kustomization.yaml', HELM_CHARTS);
    r.put('apps/web/ks.yaml', fluxKustomization('web', './apps/web/app', '  targetNamespace: demo\n  suspend: true\n'));
    r.put('apps/web/app/kustomization.yaml', 'resources:\n  - ./missing.yaml\n');
    const { findings } = await check(r.root);
    // The missing file is still a warning about the text (the tree names it); no error says a build fails.
    expect(codes(findings)).toEqual(['FLUX_SUSPENDED apps/echo/ks.yaml', 'FLUX_SUSPENDED apps/web/ks.yaml', 'KUSTOMIZE_RESOURCE_MISSING apps/web/app/kustomization.yaml']);
  });

  it('holds what waits for it: a Kustomization whose dependsOn names one that cannot be built is not deployed, nor what it applies', async () => {
    const r = repo('waits-for-blocked');
    bootstrap(r);
    r.put('clusters/prod/a.yaml', fluxKustomization('a', './apps/a'));
    r.put('clusters/prod/b.yaml', fluxKustomization('b', './apps/b', '  dependsOn:\n    - name: a\n'));
    r.put('clusters/prod/c.yaml', fluxKustomization('c', './apps/c', '  dependsOn:\n    - name: b\n'));
    r.put('clusters/prod/d.yaml', fluxKustomization('d', './apps/d'));
    r.put('apps/a/kustomization.yaml', 'resources:\n  - ./missing.yaml\n');
    r.put('apps/b/configmap.yaml', CONFIG_MAP('b'));
    r.put('apps/b/child.yaml', fluxKustomization('b-child', './apps/b-child'));
    r.put('apps/b-child/configmap.yaml', CONFIG_MAP('b-child'));
    r.put('apps/c/configmap.yaml', CONFIG_MAP('c'));
    r.put('apps/d/configmap.yaml', CONFIG_MAP('d'));
    const { model, findings } = await check(r.root);
    // Each app by its Kustomization (b's is written in clusters/prod, so its app is named after that folder).
    const off = Object.fromEntries(model.apps.map((a) => [a.kustomizations.join(','), a.notDeployed ?? 'deployed']));
    expect(off).toEqual({
      'Kustomization/flux-system/flux-system': 'deployed',
      'Kustomization/flux-system/a': expect.stringMatching(/^Kustomization flux-system\/a cannot be built/),
      'Kustomization/flux-system/b': 'Kustomization flux-system/b waits (dependsOn) for Kustomization flux-system/a, which cannot be built, so Flux applies nothing of it.',
      // What b applies (its child Kustomization) is held with it.
      'Kustomization/flux-system/b-child': 'Kustomization flux-system/b waits (dependsOn) for Kustomization flux-system/a, which cannot be built, so Flux applies nothing of it.',
      'Kustomization/flux-system/c': 'Kustomization flux-system/c waits (dependsOn) for Kustomization flux-system/b, held by Kustomization flux-system/a, which cannot be built, so Flux applies nothing of it.',
      'Kustomization/flux-system/d': 'deployed',
    });
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['KUSTOMIZE_FILE_MISSING']);
    // Held by a failing build, directly or not: the owner means to deploy them (their credentials are still reported).
    expect(model.apps.filter(heldBack).map((a) => a.kustomizations.join(',')).sort()).toEqual([
      'Kustomization/flux-system/a',
      'Kustomization/flux-system/b',
      'Kustomization/flux-system/b-child',
      'Kustomization/flux-system/c',
    ]);
  });
});
