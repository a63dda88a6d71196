import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { helmTemplatePaths } from '../../src/repo/file-kind.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * A repository that keeps its own Helm charts (installed by a HelmRelease from the GitRepository):
 * their templates are Go templates, which helm renders; read as YAML they are errors no owner can fix.
 */
describe("a local Helm chart's templates are not manifests", () => {
  const repo = tempRepos(afterAll);

  it('gives no YAML_PARSE_ERROR for a template, and reads the chart values and plain manifests as before', async () => {
    const r = repo('chart-templates');
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: netpol\n  namespace: web\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ./charts/netpol\n      sourceRef:\n        kind: GitRepository\n        name: flux-system\n        namespace: flux-system\n');
    r.put('charts/netpol/Chart.yaml', 'apiVersion: v2\nname: netpol\nversion: 0.1.0\n');
    r.put('charts/netpol/values.yaml', 'allow: false\n');
    r.put('charts/netpol/templates/deny.yaml', '{{- if .Values.allow }}\n# nothing to deny\n{{- else }}\n---\nkind: NetworkPolicy\napiVersion: networking.k8s.io/v1\nmetadata:\n  name: deny-all\n  labels:\n    {{- include "netpol.labels" . | nindent 4 }}\nspec:\n  podSelector: {}\n{{- end }}\n');
    // A folder merely named templates, with no chart beside it, is plain kustomize input.
    r.put('apps/web/templates/bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: [unclosed\n');
    const config = parseConfig({ archive: [] });
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'YAML_PARSE_ERROR').map((f) => f.source.file)).toEqual(['apps/web/templates/bad.yaml']);
    expect(model.files.find((f) => f.path === 'charts/netpol/templates/deny.yaml')?.kind).toBe('other');
    expect(model.files.find((f) => f.path === 'charts/netpol/values.yaml')?.kind).toBe('yaml');
  });

  it('finds templates under a chart at any depth, subcharts and the repository root included', () => {
    const paths = [
      'Chart.yaml', 'templates/a.yaml',
      'charts/app/Chart.yaml', 'charts/app/templates/deploy.yaml', 'charts/app/templates/sub/svc.yaml', 'charts/app/values.yaml', 'charts/app/crds/crd.yaml',
      'charts/app/charts/db/Chart.yml', 'charts/app/charts/db/templates/sts.yaml',
      'kubernetes/templates/plain.yaml', 'kubernetes/mytemplates/x.yaml',
    ];
    expect([...helmTemplatePaths(paths)].sort()).toEqual(['charts/app/charts/db/templates/sts.yaml', 'charts/app/templates/deploy.yaml', 'charts/app/templates/sub/svc.yaml', 'templates/a.yaml']);
  });
});
