/**
 * A CiliumClusterwideNetworkPolicy chooses namespaces with requirements on the namespace label Cilium
 * gives every pod (`io.kubernetes.pod.namespace`, also `k8s:`-prefixed), often as matchExpressions:
 * Cilium's documented cluster-wide default deny selects `NotIn [kube-system]`. Such a policy covers
 * every namespace it admits; one that also requires a pod label covers a namespace only where it names
 * the namespace or an app running there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;
const ccnp = (name: string, selector: string) => `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  endpointSelector:\n${selector}  ingress:\n    - {}\n`;

/** Apps `api` in `alpha`, `web` in `beta` and `shop` in `gamma`, each its own Flux Kustomization, and the given policies: the namespaces NETWORK_POLICY_MISSING names and the network rows. */
async function scan(repo: ReturnType<ReturnType<typeof tempRepos>>, policies: Record<string, string>) {
  bootstrap(repo);
  for (const [app, ns] of [['api', 'alpha'], ['web', 'beta'], ['shop', 'gamma']] as const) {
    repo.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`));
    repo.put(`apps/${app}/kustomization.yaml`, 'resources:\n  - namespace.yaml\n  - deployment.yaml\n');
    repo.put(`apps/${app}/namespace.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
    repo.put(`apps/${app}/deployment.yaml`, deployment(app, ns));
  }
  repo.put('clusters/prod/policies.yaml', fluxKustomization('policies', './policies'));
  for (const [file, text] of Object.entries(policies)) repo.put(`policies/${file}`, text);
  repo.put('policies/kustomization.yaml', `resources:\n${Object.keys(policies).map((f) => `  - ${f}\n`).join('')}`);
  const { analysis } = await computeAtlas(repo.root, parseConfig({}));
  const missing = analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.objectId);
  const rows = Object.fromEntries(analysis.health.matrices.network.namespaces.filter((n) => n.namespace !== 'flux-system').map((n) => [n.namespace, [n.policies.map((p) => p.name).join(','), n.defaultDeny]]));
  return { missing, rows };
}

describe('a cluster-wide policy with a namespace selector', () => {
  const repo = tempRepos(afterAll);

  it('covers the namespaces its matchExpressions admit, as a default deny where it selects all their pods', async () => {
    const { missing, rows } = await scan(repo('ccnp-notin'), {
      'not-kube-system.yaml': ccnp('not-kube-system', '    matchExpressions:\n      - key: io.kubernetes.pod.namespace\n        operator: NotIn\n        values: [kube-system, gamma]\n'),
    });
    expect(rows).toEqual({ alpha: ['not-kube-system', true], beta: ['not-kube-system', true], gamma: ['', false] });
    expect(missing).toEqual(['Namespace/_cluster/gamma']);
  });

  it('reads In, Exists and DoesNotExist on the prefixed label too', async () => {
    const { missing, rows } = await scan(repo('ccnp-in'), {
      'in-alpha.yaml': ccnp('in-alpha', '    matchExpressions:\n      - key: k8s:io.kubernetes.pod.namespace\n        operator: In\n        values: [alpha]\n'),
      'exists.yaml': ccnp('exists', '    matchExpressions:\n      - {key: io.kubernetes.pod.namespace, operator: Exists}\n      - {key: io.kubernetes.pod.namespace, operator: NotIn, values: [alpha, gamma]}\n'),
      'never.yaml': ccnp('never', '    matchExpressions:\n      - {key: io.kubernetes.pod.namespace, operator: DoesNotExist}\n'),
    });
    expect(rows).toEqual({ alpha: ['in-alpha', true], beta: ['exists', true], gamma: ['', false] });
    expect(missing).toEqual(['Namespace/_cluster/gamma']);
  });

  it('with a pod label as well, covers a namespace that runs the labelled app, not every namespace, and is no default deny', async () => {
    const { missing, rows } = await scan(repo('ccnp-pods'), {
      'web-only.yaml': ccnp('web-only', '    matchLabels:\n      app: web\n    matchExpressions:\n      - key: io.kubernetes.pod.namespace\n        operator: NotIn\n        values: [kube-system]\n'),
    });
    expect(rows).toEqual({ alpha: ['', false], beta: ['web-only', false], gamma: ['', false] });
    expect(missing).toEqual(['Namespace/_cluster/alpha', 'Namespace/_cluster/gamma']);
  });
});
