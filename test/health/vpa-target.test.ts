/**
 * A VerticalPodAutoscaler belongs to the app whose workload its targetRef names (kind and name in its
 * namespace): a manifest Deployment, or the one a HelmRelease there names after its release. Outside
 * review: VPAs for podinfo and whoami written in a shared `policies` folder were that folder's app's,
 * and the apps they size were listed "without a VPA", beside apps that run no pod at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: traefik/whoami:v1.10\n`;
const vpa = (name: string, target: string, mode = 'Off') => `apiVersion: autoscaling.k8s.io/v1\nkind: VerticalPodAutoscaler\nmetadata:\n  name: ${name}\nspec:\n  targetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${target}\n  updatePolicy:\n    updateMode: "${mode}"\n`;

describe('a VPA of another folder', () => {
  const repo = tempRepos(afterAll);

  it("is the app's whose workload it targets; apps that run no pod are not asked for one", async () => {
    const r = repo('vpa-target');
    bootstrap(r);
    const apps = ['podinfo', 'whoami', 'traefik', 'policies', 'routes'];
    r.put('clusters/prod/apps.yaml', apps.map((a) => fluxKustomization(a, `./apps/demo/${a}`, '  targetNamespace: demo\n')).join('---\n'));
    r.put('apps/demo/podinfo/release.yaml', helmRelease({ name: 'podinfo', values: '    replicaCount: 2\n' }));
    r.put('apps/demo/whoami/deployment.yaml', deployment('whoami'));
    // A release whose chart names its Deployment `<release>-<chart>`.
    r.put('apps/demo/traefik/release.yaml', helmRelease({ name: 'edge', chart: 'traefik' }));
    r.put('apps/demo/policies/kustomization.yaml', 'resources:\n  - vpa.yaml\n');
    r.put('apps/demo/policies/vpa.yaml', [vpa('podinfo', 'podinfo', 'Auto'), vpa('whoami', 'whoami'), vpa('edge', 'edge-traefik'), vpa('ghost', 'nothing-here')].join('---\n'));
    r.put('apps/demo/routes/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: routes\ndata:\n  a: b\n');
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    const m = analysis.health.matrices.vpa;
    expect(m.vpas.map((v) => [v.name, v.appId])).toEqual([
      ['edge', 'demo/traefik'],
      ['ghost', 'demo/policies'],
      ['podinfo', 'demo/podinfo'],
      ['whoami', 'demo/whoami'],
    ]);
    // The policies and routes apps run nothing: not "without a VPA".
    expect(m.appsWithout).toEqual([]);
  });
});
