/**
 * How a CiliumClusterwideNetworkPolicy that picks namespaces by their labels
 * (`io.cilium.k8s.namespace.labels.<key>`) is judged against the repository's Namespace manifests.
 * A wrong reading either hides a NETWORK_POLICY_MISSING (a namespace left open is shown protected) or
 * raises one on a namespace the policy isolates. Pinned here:
 * - `kubernetes.io/metadata.name` is a label of every namespace (Kubernetes sets it), manifest labels or not;
 * - `NotIn` holds for a namespace that lacks the label;
 * - labels are a cluster's own: a namespace labelled in one cluster's manifest is not labelled in another's;
 * - a commented-out Namespace manifest labels nothing;
 * - the `k8s:` source prefix Cilium accepts selects by namespace label too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const namespace = (name: string, labels = '') => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels ? `  labels:\n${labels}` : ''}`;
const deployment = (name: string, ns: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;
/** A clusterwide policy whose endpointSelector is `selector` (YAML lines indented by four spaces). */
const clusterwide = (name: string, selector: string) =>
  `apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  endpointSelector:\n${selector}  ingress:\n    - fromEntities: [cluster]\n`;

describe('a clusterwide Cilium policy on namespace labels', () => {
  const repo = tempRepos(afterAll);

  /** The namespaces NETWORK_POLICY_MISSING names (with `of cluster X` where there are several), of one cluster `home` with `files` under apps/. */
  async function missingOf(name: string, files: Record<string, string>): Promise<string[]> {
    const r = repo(name);
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', `resources:\n${Object.keys(files).map((f) => `  - ./${f}\n`).join('')}`);
    for (const [file, text] of Object.entries(files)) r.put(`apps/${file}`, text);
    return missingIn(r.root);
  }
  async function missingIn(root: string): Promise<string[]> {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return analyse(model, config)
      .findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING')
      .map((f) => f.message.split(' has ')[0]!)
      .sort();
  }

  it('on kubernetes.io/metadata.name covers the namespace so named, though its manifest has no labels', async () => {
    const missing = await missingOf('cilium-ns-metadata-name', {
      'policy.yaml': clusterwide('isolate-web', '    matchLabels:\n      io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name: web\n'),
      'web.yaml': `${namespace('web')}---\n${deployment('web', 'web')}`,
      'mail.yaml': `${namespace('mail')}---\n${deployment('mail', 'mail')}`,
    });
    expect(missing).toEqual(['Namespace mail']);
  });

  it('with NotIn covers a namespace that lacks the label, and one whose value it does not list', async () => {
    const missing = await missingOf('cilium-ns-notin', {
      'policy.yaml': clusterwide('isolate-unless-exempt', '    matchExpressions:\n      - key: io.cilium.k8s.namespace.labels.networking.example/isolation\n        operator: NotIn\n        values: [disabled]\n'),
      'web.yaml': `${namespace('web')}---\n${deployment('web', 'web')}`,
      'mail.yaml': `${namespace('mail', '    networking.example/isolation: enabled\n')}---\n${deployment('mail', 'mail')}`,
      'legacy.yaml': `${namespace('legacy', '    networking.example/isolation: disabled\n')}---\n${deployment('legacy', 'legacy')}`,
    });
    expect(missing).toEqual(['Namespace legacy']);
  });

  it("reads each cluster's own Namespace labels: web labelled in prod only is not covered in lab", async () => {
    const r = repo('cilium-ns-two-clusters');
    for (const c of ['prod', 'lab']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
      r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ./policy.yaml\n  - ./web.yaml\n');
      r.put(`apps/${c}/policy.yaml`, clusterwide('isolated-namespaces', '    matchLabels:\n      io.cilium.k8s.namespace.labels.networking.example/isolation: enabled\n'));
      r.put(`apps/${c}/web.yaml`, `${namespace('web', c === 'prod' ? '    networking.example/isolation: enabled\n' : '')}---\n${deployment(`web-${c}`, 'web')}`);
    }
    expect(await missingIn(r.root)).toEqual(['Namespace web of cluster lab']);
  });

  it('does not read the labels of a commented-out Namespace', async () => {
    const commented = namespace('web', '    networking.example/isolation: enabled\n')
      .split('\n')
      .map((l) => (l ? `# ${l}` : l))
      .join('\n');
    const missing = await missingOf('cilium-ns-commented', {
      'policy.yaml': clusterwide('isolated-namespaces', '    matchLabels:\n      io.cilium.k8s.namespace.labels.networking.example/isolation: enabled\n'),
      // The isolated manifest of before, kept commented out above the one applied now.
      'web.yaml': `${commented}---\n${namespace('web')}---\n${deployment('web', 'web')}`,
      'mail.yaml': `${namespace('mail', '    networking.example/isolation: enabled\n')}---\n${deployment('mail', 'mail')}`,
    });
    expect(missing).toEqual(['Namespace web']);
  });

  it('with the k8s: source prefix selects namespaces by label too', async () => {
    const missing = await missingOf('cilium-ns-k8s-prefix', {
      'policy.yaml': clusterwide('isolated-namespaces', '    matchLabels:\n      k8s:io.cilium.k8s.namespace.labels.networking.example/isolation: enabled\n'),
      'web.yaml': `${namespace('web')}---\n${deployment('web', 'web')}`,
      'mail.yaml': `${namespace('mail', '    networking.example/isolation: enabled\n')}---\n${deployment('mail', 'mail')}`,
    });
    expect(missing).toEqual(['Namespace web']);
  });
});
