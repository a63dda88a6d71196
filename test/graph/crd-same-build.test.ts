/**
 * A resource of an operator's API group applied by the same Kustomization as the HelmRelease whose
 * chart installs the group's CRDs (a CloudNativePG Cluster beside the cloudnative-pg release, a
 * PrometheusRule beside kube-prometheus-stack's): on a fresh cluster the dry-run of the whole build
 * fails before the release exists, and the CRDs never come (outside review, thirty-second round: a
 * ClusterIssuer beside cert-manager, said nothing). Not where the build applies the CRD manifests
 * itself (kustomize-controller applies those first), nor for what the chart renders from its values.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const cnpg = (name: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n`;
const crd = (plural: string, group: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${plural}.${group}\nspec:\n  group: ${group}\n`;

describe('an operator and its resources in one build', () => {
  const repo = tempRepos(afterAll);

  it('notes the fresh-cluster deadlock, not where the build holds the CRDs', async () => {
    const r = repo('crd-same-build');
    bootstrap(r);
    r.put('clusters/prod/database.yaml', fluxKustomization('database', './apps/database', '  targetNamespace: database\n'));
    r.put('clusters/prod/monitoring.yaml', fluxKustomization('monitoring', './apps/monitoring', '  targetNamespace: monitoring\n'));
    r.put('apps/database/kustomization.yaml', 'resources:\n  - release.yaml\n  - cluster.yaml\n');
    r.put('apps/database/release.yaml', helmRelease({ name: 'cloudnative-pg' }));
    r.put('apps/database/cluster.yaml', cnpg('shared-db'));
    // The CRDs as manifests in the same build (kustomize-controller applies them first): no deadlock.
    r.put('apps/monitoring/kustomization.yaml', 'resources:\n  - crds.yaml\n  - release.yaml\n  - rule.yaml\n');
    r.put('apps/monitoring/crds.yaml', crd('prometheusrules', 'monitoring.coreos.com'));
    r.put('apps/monitoring/release.yaml', helmRelease({ name: 'kube-prometheus-stack' }));
    r.put('apps/monitoring/rule.yaml', 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: extra\nspec:\n  groups: []\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'CRD_IN_SAME_BUILD');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['info clusters/prod/database.yaml']);
    expect(found[0]!.message).toContain('flux-system/database applies Cluster/database/shared-db together with HelmRelease database/cloudnative-pg');
    expect(found[0]!.message).toContain('the dry-run of the whole build fails on a fresh cluster');
    // Not also an IMPLICIT_DEPENDENCY finding for the same resource: one build cannot depend on itself.
    expect(analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY')).map((f) => f.source.file)).toEqual([]);
  });
});
