/**
 * A Kustomization without targetNamespace whose folder holds a HelmRelease kept in flux-system, installing
 * into its own namespace (spec.targetNamespace), with its values ConfigMap beside it in flux-system and a
 * NetworkPolicy in the install namespace: the app is in the namespace the release installs into. An
 * outside review found traefik, kyverno and trivy-operator in flux-system: the values ConfigMap counted
 * as one more namespace, so the objects did not agree. A release's values live beside the HelmRelease
 * object, as its chart source does; they say nothing of where the app runs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe("the namespace of an app whose release installs elsewhere", () => {
  const repo = tempRepos(afterAll);

  it("is the release's install namespace, whatever namespace its values ConfigMap is in", async () => {
    const r = repo('app-namespace-values-from');
    bootstrap(r, 'live');
    r.put('clusters/live/traefik.yaml', fluxKustomization('traefik', './infrastructure/traefik'));
    r.put('clusters/live/other.yaml', fluxKustomization('other', './infrastructure/other'));
    r.put('infrastructure/traefik/kustomization.yaml', 'resources:\n  - traefik.yaml\n  - values.yaml\n  - netpol.yaml\n');
    r.put('infrastructure/traefik/traefik.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: traefik\n---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: traefik\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://traefik.github.io/charts\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: traefik\n  namespace: flux-system\nspec:\n  targetNamespace: traefik\n  interval: 1h\n  chart:\n    spec:\n      chart: traefik\n      version: "39.0.7"\n      sourceRef:\n        kind: HelmRepository\n        name: traefik\n  valuesFrom:\n    - kind: ConfigMap\n      name: traefik-values\n');
    r.put('infrastructure/traefik/values.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: traefik-values\n  namespace: flux-system\ndata:\n  values.yaml: |\n    deployment:\n      replicas: 2\n');
    r.put('infrastructure/traefik/netpol.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-web\n  namespace: traefik\nspec:\n  podSelector: {}\n  ingress:\n    - {}\n');
    // A ConfigMap in flux-system that no release reads still counts: the objects disagree, the app stays in flux-system.
    r.put('infrastructure/other/kustomization.yaml', 'resources:\n  - objects.yaml\n');
    r.put('infrastructure/other/objects.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: flux-system\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: other\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = (dir: string) => model.apps.find((a) => a.dir === dir)!;
    expect(app('infrastructure/traefik').namespace).toBe('traefik');
    expect(app('infrastructure/traefik').id).toBe('traefik/traefik');
    expect(app('infrastructure/other').namespace).toBe('flux-system');
  });
});
