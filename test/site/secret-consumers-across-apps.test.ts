/**
 * A Secret kept in one app's folder and read by another app (a HelmRelease's valuesFrom, a
 * Kustomization's substituteFrom, in the Secret's namespace) is used: its page said nothing used it
 * (a public repository keeps cert-manager's values Secret beside the infrastructure base).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('secret-consumers');
afterAll(remove);

describe('a Secret read by another app', () => {
  it('lists that app as its user', async () => {
    put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    put('clusters/main/infra.yaml', `${fluxKustomization('infra-base', './infra/base')}---\n${fluxKustomization('cert-manager', './infra/cert-manager')}`);
    put('infra/base/kustomization.yaml', 'resources:\n  - values.yaml\n  - other.yaml\n');
    put('infra/base/values.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert-manager-values\n  namespace: cert-manager\nstringData:\n  values.yaml: "${CERT_MANAGER_VALUES}"\n');
    put('infra/base/other.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cert-manager-values\n  namespace: elsewhere\nstringData:\n  values.yaml: "${OTHER}"\n');
    put('infra/cert-manager/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    put('infra/cert-manager/helmrelease.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: cert-manager\n      version: v1.16.2\n      sourceRef:\n        kind: HelmRepository\n        name: jetstack\n        namespace: flux-system\n  valuesFrom:\n    - kind: Secret\n      name: cert-manager-values\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const base = model.apps.find((a) => a.name === 'base' || a.name === 'infra-base')!;
    const facts = appFacts(model, base.id)!;
    expect(facts.secrets.plain.map((s) => [s.name, s.usedBy])).toEqual([
      ['cert-manager-values', ['valuesFrom of cert-manager/cert-manager']],
      // The same name in another namespace is another Secret: valuesFrom reads the release's namespace.
      ['cert-manager-values', []],
    ]);
  });
});
