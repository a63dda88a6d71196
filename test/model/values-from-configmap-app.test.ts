/**
 * A ConfigMap a HelmRelease's valuesFrom names, written in an overlay beside the base that holds the
 * release, is the release's configuration: no app of its own. Outside review (Flux's multi-tenancy
 * layout, `infrastructure/controllers/<cluster>/` listing `../base/gpu-operator` and a values file):
 * an active app named after the ConfigMap, beside the release's app.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe("a release's valuesFrom ConfigMap in an overlay", () => {
  const repo = tempRepos(afterAll);

  it("joins the release's app", async () => {
    const r = repo('values-from-configmap-app');
    bootstrap(r, 'gpu');
    r.put('clusters/gpu/infrastructure.yaml', fluxKustomization('infrastructure', './infrastructure/controllers/gpu'));
    r.put('infrastructure/controllers/gpu/kustomization.yaml', 'resources:\n  - ../base/gpu-operator\n  - gpu-operator-values.yaml\n');
    r.put('infrastructure/controllers/gpu/gpu-operator-values.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gpu-operator-values\n  namespace: gpu-operator\ndata:\n  values.yaml: |\n    driver:\n      enabled: false\n');
    r.put('infrastructure/controllers/base/gpu-operator/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('infrastructure/controllers/base/gpu-operator/release.yaml', helmRelease({ name: 'gpu-operator', namespace: 'gpu-operator' }) + '  valuesFrom:\n    - kind: ConfigMap\n      name: gpu-operator-values\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (kind: string) => model.objects.find((o) => o.kind === kind && o.namespace === 'gpu-operator')?.appId;
    expect(appOf('HelmRelease')).toBeTruthy();
    expect(appOf('ConfigMap')).toBe(appOf('HelmRelease'));
    expect(model.apps.map((a) => a.name)).not.toContain('gpu-operator-values');
  });
});
