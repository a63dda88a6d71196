import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * substituteFrom reads the Secret of the Kustomization's own namespace. One an operator makes (an
 * ExternalSecret's target) counted as there whatever namespace the operator makes it in, so a Secret
 * made only in another namespace drew no word, where a Secret manifest there is
 * SUBSTITUTE_FROM_WRONG_NAMESPACE (the namespace-blind match an outside review found on app pages).
 * A copy a replicator makes into the Kustomization's namespace, or a cluster-wide maker, is there.
 */
describe("a substituteFrom Secret an operator makes, judged in the Kustomization's namespace", () => {
  const repo = tempRepos(afterAll);
  const externalSecret = (template = '') =>
    `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: cluster-secrets\nspec:\n  refreshInterval: 1h\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: cluster-secrets\n${template}  dataFrom:\n    - extract:\n        key: cluster\n`;
  const scan = async (namespace: string, template = '') => {
    const r = repo('subst-operator-ns');
    r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n'));
    r.put('kubernetes/flux/vars/ks.yaml', fluxKustomization('cluster-vars', './kubernetes/vars', `  targetNamespace: ${namespace}\n`));
    r.put('kubernetes/vars/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n');
    r.put('kubernetes/vars/externalsecret.yaml', externalSecret(template));
    r.put('kubernetes/apps/kustomization.yaml', 'resources: []\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'SUBSTITUTE_FROM_WRONG_NAMESPACE' || f.code === 'SUBSTITUTE_FROM_MISSING').map((f) => `${f.code}: ${f.message}`);
  };

  it('is found where the ExternalSecret makes it in flux-system', async () => {
    expect(await scan('flux-system')).toEqual([]);
  });

  it('is a warning where the ExternalSecret makes it only in another namespace', async () => {
    const found = await scan('external-secrets');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('SUBSTITUTE_FROM_WRONG_NAMESPACE');
    expect(found[0]).toContain('ExternalSecret cluster-secrets in namespace external-secrets');
    expect(found[0]).toContain("Flux looks in the Kustomization's namespace flux-system");
  });

  // (The same for a Secret manifest: one a reflector mirrors into flux-system is there, no WRONG_NAMESPACE.)
  it('is found where reflector mirrors a Secret manifest of another namespace into flux-system', async () => {
    const r = repo('subst-reflected');
    const secret = (annotations: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n${annotations}stringData:\n  DOMAIN: \${SECRET_DOMAIN}\n`;
    const scanWith = async (annotations: string) => {
      r.put('kubernetes/flux/a-vars/ks.yaml', fluxKustomization('cluster-vars', './kubernetes/vars', '  targetNamespace: external-secrets\n'));
      r.put('kubernetes/flux/cluster/ks.yaml', fluxKustomization('cluster-apps', './kubernetes/apps', '  postBuild:\n    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n'));
      r.put('kubernetes/vars/kustomization.yaml', 'resources:\n  - secret.yaml\n');
      r.put('kubernetes/vars/secret.yaml', secret(annotations));
      r.put('kubernetes/apps/kustomization.yaml', 'resources: []\n');
      const { model } = await scanRepo(r.root, parseConfig({}));
      return model.findings.filter((f) => f.code === 'SUBSTITUTE_FROM_WRONG_NAMESPACE').length;
    };
    expect(await scanWith('')).toBe(1);
    expect(await scanWith('  annotations:\n    reflector.v1.k8s.emberstack.com/reflection-allowed: "true"\n    reflector.v1.k8s.emberstack.com/reflection-allowed-namespaces: "flux-system"\n    reflector.v1.k8s.emberstack.com/reflection-auto-enabled: "true"\n')).toBe(0);
  });

  it('is found where a replicator copies it into flux-system', async () => {
    expect(await scan('external-secrets', '    template:\n      metadata:\n        annotations:\n          replicator.v1.mittwald.de/replicate-to: flux-system\n')).toEqual([]);
  });
});
