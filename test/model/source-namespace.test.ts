/**
 * Flux reads a Kustomization's source from sourceRef.namespace, else from the Kustomization's own
 * namespace. An outside review found a repository whose clusters sync a GitRepository `sample-stamp`
 * made outside it (Azure Arc) while a tenant defines its own GitRepository `sample-stamp` (another
 * repository) in the tenant's namespace: with sources told apart by kind and name alone, the tenant's
 * `path: ./` was read as this repository's root and built every cluster again (17 false
 * KUSTOMIZE_DUPLICATE_RESOURCE errors). The shape here is written for the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, ns: string, path: string, source: string, extra = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n${extra}`;
const tenantRepo = (name: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: team-a\nspec:\n  interval: 1m\n  url: https://github.com/acme/team-a-apps\n  ref:\n    branch: main\n`;

describe('two sources of one name in two namespaces', () => {
  const repo = tempRepos(afterAll);
  const layout = (tenantSource: string) => {
    const r = repo('source-ns');
    for (const cluster of ['prod', 'staging']) {
      r.put(`clusters/${cluster}/infra.yaml`, ks('infra', 'flux-system', './infra', 'platform'));
      r.put(`clusters/${cluster}/tenants.yaml`, ks('tenants', 'flux-system', './tenants', 'platform', '  dependsOn:\n    - name: infra\n'));
    }
    r.put('infra/kustomization.yaml', 'resources:\n  - settings.yaml\n');
    r.put('infra/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  a: "1"\n');
    r.put('tenants/kustomization.yaml', 'resources:\n  - team-a\n');
    r.put('tenants/team-a/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - sync.yaml\n');
    r.put('tenants/team-a/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n');
    r.put('tenants/team-a/sync.yaml', `${tenantRepo(tenantSource)}---\n${ks('team-a', 'team-a', './', tenantSource)}`);
    return r.root;
  };
  const scan = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return { model, findings: analyse(model, config).findings };
  };

  it('reads the tenant’s Kustomization as another repository’s, not as this one’s root', async () => {
    const { model, findings } = await scan(layout('platform'));
    expect(findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.source.file}`)).toEqual([]);
    const tenant = model.kustomizations.filter((k) => k.name === 'team-a');
    expect(tenant.length).toBeGreaterThan(0);
    expect(tenant.every((k) => k.externalSource === true)).toBe(true);
    expect(model.objects.filter((o) => o.kind === 'ConfigMap' && o.name === 'settings').every((o) => o.owner?.startsWith('Kustomization/flux-system/infra'))).toBe(true);
  });

  it('gives the same reading when the two sources have different names (the control)', async () => {
    const { model, findings } = await scan(layout('team-a'));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(model.kustomizations.filter((k) => k.name === 'team-a').every((k) => k.externalSource === true)).toBe(true);
  });
});
