/**
 * A HelmRelease written in flux-system with `spec.targetNamespace: trilium` installs every object of
 * its chart in trilium: the Ingress and ServiceMonitor its values make are there, and trilium is a
 * namespace where something runs (NETWORK_POLICY_MISSING judges it).
 * The model put the values' Ingress in flux-system and never judged trilium (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { networkMatrix } from '../../src/analysis/health/network.ts';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const release = (target: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: trilium\n  namespace: flux-system\nspec:\n${target}  chart:\n    spec:\n      chart: trilium\n      version: 1.0.0\n      sourceRef: {kind: HelmRepository, name: charts}\n  values:\n    ingress:\n      enabled: true\n      hosts:\n        - host: notes.example.org\n    serviceMonitor:\n      enabled: true\n`;

describe("a release's objects and its targetNamespace", () => {
  const repo = tempRepos(afterAll);

  it('are where it installs', async () => {
    const r = repo('release-install-ns');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('trilium', './apps/trilium'));
    r.put('apps/trilium/release.yaml', release('  targetNamespace: trilium\n'));
    const { model, analysis } = await computeAtlas(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.namespace])).toEqual([['trilium (ingress)', 'trilium']]);
    expect(model.monitors.map((m) => [m.name, m.namespace])).toEqual([['trilium (serviceMonitor)', 'trilium']]);
    // (flux-system's row is the bootstrap's controllers'.)
    expect(networkMatrix(model).result.namespaces.map((n) => n.namespace)).toEqual(['flux-system', 'trilium']);
    expect(analysis.findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.message)).toEqual([expect.stringContaining('trilium')]);
  });

  it('are in its own namespace without one', async () => {
    const r = repo('release-own-ns');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('trilium', './apps/trilium'));
    r.put('apps/trilium/release.yaml', release('').replace('namespace: flux-system', 'namespace: notes'));
    const { model } = await computeAtlas(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => e.namespace)).toEqual(['notes']);
    expect(networkMatrix(model).result.namespaces.map((n) => n.namespace)).toEqual(['flux-system', 'notes']);
  });
});
