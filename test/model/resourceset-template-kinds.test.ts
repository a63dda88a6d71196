/**
 * A missing dependency that a ResourceSet may make is blamed on the ResourceSet whose template writes
 * that kind. Every resourcesTemplate counted as "may make anything", so the first ResourceSet in file
 * order was named, one whose template makes only Kustomizations (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const resourceSet = (name: string, template: string) =>
  `apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  inputsFrom:\n    - kind: ResourceSetInputProvider\n      name: charts\n  resourcesTemplate: |\n${template.split('\n').map((l) => `    ${l}`).join('\n')}\n`;

describe('a resourcesTemplate', () => {
  const repo = tempRepos(afterAll);

  it('makes the kinds it writes: the missing HelmRelease is the HelmRelease template’s', async () => {
    const r = repo('resourceset-kinds');
    bootstrap(r, 'live');
    r.put('clusters/live/a-kustomizations.yaml', resourceSet('app-kustomizations', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: << inputs.name >>\n  namespace: flux-system\nspec:\n  path: ./apps/<< inputs.name >>'));
    r.put('clusters/live/b-platform.yaml', resourceSet('platform-resources', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: << inputs.name >>\n  namespace: flux-system\nspec:\n  interval: 1h'));
    r.put('clusters/live/apps.yaml', fluxKustomization('apps', './apps/app'));
    // (Inputs only the cluster knows: tags of an OCI repository. With inputs written in the sets, they are expanded.)
    r.put('clusters/live/charts.yaml', 'apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSetInputProvider\nmetadata:\n  name: charts\n  namespace: flux-system\nspec:\n  type: OCIArtifactTag\n  url: oci://ghcr.io/example/charts\n');
    r.put('apps/app/helmrelease.yaml', helmRelease({ name: 'app', namespace: 'flux-system' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: cloudnative-pg\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'DEPENDS_ON_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('ResourceSet/flux-system/platform-resources may make it');
    expect(model.templated?.filter((t) => t.by.endsWith('/app-kustomizations')).map((t) => t.kind)).toEqual(['Kustomization']);
  });
});
