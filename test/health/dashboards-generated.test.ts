/**
 * Grafana dashboards that kustomize generates (`configMapGenerator` over the dashboards' JSON files,
 * labelled `grafana_dashboard` through generatorOptions or the entry's options): the usual way a
 * home-ops repository ships dashboards for the Grafana sidecar. The model holds no object for a
 * generated ConfigMap, so the dashboards page read them off the kustomization files; before, none was
 * listed. Fixture: test/fixtures/repos/health-dashboards-generated (its ConfigMaps and labels are
 * what `kubectl kustomize` builds of the grafana app).
 */
import { describe, expect, it } from 'vitest';
import { dashboardMatrix } from '../../src/analysis/health/dashboards.ts';
import { fixture, scan } from '../secrets/scan.ts';

const DIR = 'kubernetes/apps/observability/grafana/app/dashboards';

describe('dashboards made by configMapGenerator', async () => {
  const { model } = await scan(fixture('health-dashboards-generated'));
  const { result } = dashboardMatrix(model);

  it('lists each labelled generator of a deployed app once, at its entry, and not the JSON files it reads again', () => {
    expect(model.files.map((f) => f.path)).toContain(`${DIR}/flux-cluster.json`);
    expect(result.dashboards).toEqual([
      { name: 'flux-dashboards', kind: 'configmap', appId: 'observability/grafana', ref: { file: `${DIR}/kustomization.yaml`, line: 7 } },
      { name: 'home-climate', kind: 'configmap', appId: 'observability/grafana', ref: { file: `${DIR}/home/kustomization.yaml`, line: 4 } },
    ]);
  });

  it('leaves out a generator without the label, one in a switched-off app (ks.yaml.dis) and one in a folder commented out of its parent', () => {
    expect(result.dashboards.map((d) => d.name)).not.toContain('not-a-dashboard');
    expect(result.dashboards.map((d) => d.name)).not.toContain('thanos-overview-dashboard');
    // `# - retired` in dashboards/kustomization.yaml: inside the deployed grafana app's folder, but no build runs it.
    expect(result.dashboards.map((d) => d.name)).not.toContain('retired-dashboard');
    // Nor the JSON files of either: the retired generator's, and a dashboard file of the switched-off app.
    expect(result.dashboards.map((d) => d.name)).not.toContain('old');
    expect(model.files.find((f) => f.path.endsWith('thanos/app/dashboards/compact.json'))?.appId).toBe('observability/thanos');
    expect(result.dashboards.map((d) => d.name)).not.toContain('compact');
    expect(model.kustomizeFiles.filter((k) => k.deployed).map((k) => k.file).sort()).toEqual([
      `${DIR}/home/kustomization.yaml`,
      `${DIR}/kustomization.yaml`,
      'kubernetes/apps/observability/grafana/app/kustomization.yaml',
    ]);
  });

  it('counts a `behavior: merge` entry as a change to the ConfigMap it merges into, not a dashboard of its own', () => {
    // grafana/app/kustomization.yaml merges flux-extra.json into flux-dashboards: kubectl kustomize makes one ConfigMap.
    expect(result.dashboards.filter((d) => d.name === 'flux-dashboards')).toHaveLength(1);
  });

  it('counts them for the Grafana component', () => {
    expect(result.components).toEqual([{ key: 'grafana', appId: 'observability/grafana', dashboards: ['flux-dashboards', 'home-climate'] }]);
    expect(result.withoutDashboards).toEqual([]);
  });
});
