/**
 * Each cluster's kustomize-controller substitutes from its own cluster's objects. Two clusters of one
 * tree, each bootstrapped from its own folder (`kubernetes/<cluster>/flux`, applied from outside the
 * repository): main's postBuild.substituteFrom named the cluster-settings ConfigMap only utility's
 * folder defines, and the model filled main's variables with utility's values, saying nothing (outside
 * review, multi-cluster home-ops). It is SUBSTITUTE_FROM_MISSING for main, naming the cluster that has it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepos } from '../support/temp-repo.ts';

const clusterKs = (cluster: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: cluster-apps\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./kubernetes/${cluster}/apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: home\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n`;
const settings = (domain: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n  namespace: flux-system\ndata:\n  DOMAIN: ${domain}\n`;
const route = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: echo\n  namespace: default\nspec:\n  rules:\n    - host: echo.${DOMAIN}\n';

describe("substituteFrom in a tree of two clusters", () => {
  const repo = tempRepos(afterAll);

  const scan = async (mainHasSettings: boolean) => {
    const r = repo('subst-per-cluster');
    for (const cluster of ['main', 'utility']) {
      r.put(`kubernetes/${cluster}/flux/cluster.yaml`, clusterKs(cluster));
      r.put(`kubernetes/${cluster}/apps/echo.yaml`, route);
    }
    r.put('kubernetes/utility/flux/settings.yaml', settings('utility.example'));
    if (mainHasSettings) r.put('kubernetes/main/flux/settings.yaml', settings('main.example'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hosts = Object.fromEntries(model.endpoints.map((e) => [e.cluster ?? '?', e.hosts.join(',')]));
    const missing = model.findings.filter((f) => f.code === 'SUBSTITUTE_FROM_MISSING').map((f) => `${f.source.file} ${/defined for cluster 'utility'/.test(f.message)}`);
    return { hosts, missing };
  };

  it("is missing for the cluster whose folder lacks it, and that cluster's variables stay unresolved", async () => {
    const { hosts, missing } = await scan(false);
    expect(missing).toEqual(['kubernetes/main/flux/cluster.yaml true']);
    expect(hosts).toEqual({ main: 'echo.${DOMAIN}', utility: 'echo.utility.example' });
  });

  it('is each cluster\'s own where both folders define it', async () => {
    const { hosts, missing } = await scan(true);
    expect(missing).toEqual([]);
    expect(hosts).toEqual({ main: 'echo.main.example', utility: 'echo.utility.example' });
  });
});

/**
 * The same, where each cluster's settings live outside its roots' folder: `configs/<cluster>/`, applied
 * by that cluster's own `configs` Kustomization, which its apps do not depend on (so the apps may be
 * built first). Outside review (a two-cluster base/overlay repository): staging read prod's
 * cluster-secrets, the first in path order, and prod read staging's when the folders were renamed.
 */
describe('substituteFrom of settings each cluster applies from a shared configs/ folder', () => {
  const repo = tempRepos(afterAll);
  const ks = (name: string, path: string, substitute: boolean) =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${substitute ? '  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: cluster-settings\n' : ''}`;

  it.each([
    ['configs/prod', 'configs/staging'],
    ['configs/b-prod', 'configs/a-staging'],
  ])('each cluster reads its own (%s, %s), whichever comes first in path order', async (prodConfigs, stagingConfigs) => {
    const r = repo('subst-configs-folder');
    for (const [cluster, configs] of [['prod', prodConfigs], ['staging', stagingConfigs]] as const) {
      r.put(`clusters/${cluster}/flux-system/gotk-sync.yaml`, ks('flux-system', `./clusters/${cluster}`, false));
      r.put(`clusters/${cluster}/apps.yaml`, ks('apps', `./apps/${cluster}`, true));
      r.put(`clusters/${cluster}/configs.yaml`, ks('configs', `./${configs}`, false));
      r.put(`${configs}/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - settings.yaml\n');
      r.put(`${configs}/settings.yaml`, settings(`${cluster}.example`));
      r.put(`apps/${cluster}/echo.yaml`, route);
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hosts = Object.fromEntries(model.endpoints.map((e) => [e.cluster ?? '?', e.hosts.join(',')]));
    expect(hosts).toEqual({ prod: 'echo.prod.example', staging: 'echo.staging.example' });
    expect(model.findings.filter((f) => f.code === 'SUBSTITUTE_FROM_MISSING')).toEqual([]);
  });
});
