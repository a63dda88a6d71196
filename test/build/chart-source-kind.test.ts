/**
 * A HelmRelease whose spec.chart.spec.sourceRef names an OCIRepository (monosense-io/k8s-gitops'
 * cloudnative-pg operator): the CRD enumerates that kind as HelmRepository, GitRepository or Bucket
 * (`+kubebuilder:validation:Enum` on CrossNamespaceObjectReference, in v2, v2beta2 and v2beta1), so the
 * API server refuses the release ("Unsupported value") and the dry-run of the Kustomization that
 * holds it fails: Flux applies nothing of it. An OCIRepository is named by spec.chartRef. Outside
 * review: the tool said only that the source was missing, and the app's page showed the chart as deployed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const ociRepository = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: cloudnative-pg\n  namespace: flux-system\nspec:\n  interval: 12h\n  url: oci://ghcr.io/cloudnative-pg/charts/cloudnative-pg\n  ref:\n    semver: "0.26.x"\n';
const release = (apiVersion: string, chart: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/${apiVersion}\nkind: HelmRelease\nmetadata:\n  name: cloudnative-pg\n  namespace: cnpg-system\nspec:\n  interval: 1h\n${chart}  values:\n    replicaCount: 2\n`;
const chartSpec = (kind: string) => `  chart:\n    spec:\n      chart: cloudnative-pg\n      version: 0.26.1\n      sourceRef:\n        kind: ${kind}\n        name: cloudnative-pg\n        namespace: flux-system\n      interval: 12h\n`;

describe("a HelmRelease's chart.spec.sourceRef of a kind its API does not allow", () => {
  const repo = tempRepos(afterAll);
  const scan = async (hr: string) => {
    const r = repo('chart-source-kind');
    bootstrap(r);
    r.put('clusters/prod/cnpg.yaml', fluxKustomization('cloudnative-pg-operator', './databases/cloudnative-pg/operator/app', '  wait: true\n'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  dependsOn:\n    - name: cloudnative-pg-operator\n'));
    r.put('databases/cloudnative-pg/operator/app/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: cnpg-system\nresources:\n  - namespace.yaml\n  - ocirepository.yaml\n  - helmrelease.yaml\n');
    r.put('databases/cloudnative-pg/operator/app/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cnpg-system\n');
    r.put('databases/cloudnative-pg/operator/app/ocirepository.yaml', ociRepository);
    r.put('databases/cloudnative-pg/operator/app/helmrelease.yaml', hr);
    // Another OCIRepository, so that the repository is one that defines its OCI sources.
    r.put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n');
    r.put('apps/oci.yaml', ociRepository.replace('name: cloudnative-pg', 'name: other'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const findings = analyse(model, parseConfig({})).findings;
    return {
      said: findings.filter((f) => f.code === 'FLUX_SPEC_INVALID' || f.code === 'HELMRELEASE_SOURCE_MISSING').map((f) => `${f.code} ${f.source.file}:${f.source.line}`),
      message: findings.find((f) => f.code === 'FLUX_SPEC_INVALID')?.message ?? '',
      notDeployed: Object.fromEntries(model.apps.filter((a) => a.name !== 'flux-system').map((a) => [a.name, a.notDeployed ?? null])),
    };
  };

  it('is an error at the kind, not a missing source, and the Kustomization applies nothing', async () => {
    const out = await scan(release('v2', chartSpec('OCIRepository')));
    expect(out.said).toEqual(['FLUX_SPEC_INVALID databases/cloudnative-pg/operator/app/helmrelease.yaml:13']);
    expect(out.message).toContain('the API server refuses it');
    expect(out.message).toContain('spec.chartRef (kind: OCIRepository, name, namespace) instead of spec.chart');
    const notDeployed = Object.values(out.notDeployed);
    expect(notDeployed.find((n) => n?.includes('cloudnative-pg-operator cannot be built'))).toMatch(/sourceRef\.kind OCIRepository, which the API server refuses, databases\/cloudnative-pg\/operator\/app\/helmrelease\.yaml:13/);
    // What waits for it (dependsOn) is held as well.
    expect(notDeployed.filter((n) => n?.includes('waits (dependsOn) for Kustomization flux-system/cloudnative-pg-operator'))).toHaveLength(1);
  });

  it('is the same in v2beta2 and v2beta1, whose CRDs enumerate the same kinds', async () => {
    for (const v of ['v2beta2', 'v2beta1']) expect((await scan(release(v, chartSpec('OCIRepository')))).said).toEqual(['FLUX_SPEC_INVALID databases/cloudnative-pg/operator/app/helmrelease.yaml:13']);
  });

  it('is nothing for the OCIRepository named by spec.chartRef, nor for a HelmRepository sourceRef', async () => {
    const chartRef = await scan(release('v2', '  chartRef:\n    kind: OCIRepository\n    name: cloudnative-pg\n    namespace: flux-system\n'));
    expect(chartRef.said.filter((s) => s.startsWith('FLUX_SPEC_INVALID'))).toEqual([]);
    expect(Object.values(chartRef.notDeployed)).toEqual([null, null]);
    const helmRepository = await scan(release('v2', chartSpec('HelmRepository')));
    expect(helmRepository.said.filter((s) => s.startsWith('FLUX_SPEC_INVALID'))).toEqual([]);
    expect(Object.values(helmRepository.notDeployed)).toEqual([null, null]);
  });
});
