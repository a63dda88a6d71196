import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * substituteFrom looks in the Kustomization's namespace. A repository (found by a precision reviewer)
 * keeps `cluster-secrets` in flux-system, applied by a Flux Operator chart's sync the model does not
 * follow, and a component copies a Secret of the same name into an app's namespace: the warning said
 * "is in namespace cert-manager, flux-system, but Flux looks in flux-system".
 */
describe('a substituteFrom source in the Kustomization namespace', () => {
  const repo = tempRepos(afterAll);
  const secret = (ns: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n  namespace: ${ns}\nstringData:\n  DOMAIN: \${SECRET_DOMAIN}\n`;
  const scan = async (varsNamespace: string) => {
    const r = repo('subst-ns');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n'));
    r.put('kubernetes/flux/vars/cluster-secrets.yaml', secret(varsNamespace));
    r.put('kubernetes/apps/cert-manager/ks.yaml', fluxKustomization('cert-manager', './kubernetes/apps/cert-manager/app', '  targetNamespace: cert-manager\n'));
    r.put('kubernetes/apps/cert-manager/app/kustomization.yaml', 'resources:\n  - secret.yaml\n');
    r.put('kubernetes/apps/cert-manager/app/secret.yaml', secret('cert-manager'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'SUBSTITUTE_FROM_WRONG_NAMESPACE').length;
  };

  it('is found there, whatever copies other builds make elsewhere', async () => {
    expect(await scan('flux-system')).toBe(0);
  });

  it('is a warning where the repository has it only in other namespaces', async () => {
    expect(await scan('kube-system')).toBe(1);
  });
});
