import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { fluxKustomizeBuild } from '../../src/repo/build/kustomize-flux.ts';
import type { WorkDoc } from '../../src/repo/build/work-doc.ts';
import { builder, expectSameAsKubectl, find, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

async function fluxBuild(name: string) {
  const b = await builder('flux');
  const ks = b.source.byFile.get('ks.yaml')!.find((d: WorkDoc) => at(d.body, 'metadata.name') === name)!;
  return fluxKustomizeBuild(b, ks, String(at(ks.body, 'spec.path')).replace(/^\.\//, ''));
}

describe('kustomize as Flux runs it for a Kustomization', () => {
  it('targetNamespace, spec.components, spec.patches, spec.images and commonMetadata on a path without kustomization.yaml', async () => {
    const b = await fluxBuild('sonarr');
    expect(b.objects.map(idOf).sort()).toEqual(['Alert|media|app-alerts', 'ConfigMap|media|sonarr-config', 'Deployment|media|sonarr-exporter', 'HelmRelease|media|sonarr']);
    expect(at(find(b, 'HelmRelease', 'sonarr').body, 'spec.dependsOn')).toEqual([{ name: 'volsync', namespace: 'storage' }]);
    expect(at(find(b, 'Deployment', 'sonarr-exporter').body, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/home-operations/sonarr:4.0.15');
    expect(at(find(b, 'Alert', 'app-alerts').body, 'metadata.labels')).toEqual({ 'app.kubernetes.io/name': 'sonarr' });
    expect(find(b, 'Alert', 'app-alerts').componentOf).toBe('app/kustomization.yaml');
    expect(b.problems).toEqual([]);
  });

  it("targetNamespace replaces the path's own namespace; a missing component is reported at the Kustomization's line", async () => {
    const b = await fluxBuild('radarr');
    expect(b.objects.map(idOf)).toEqual(['PersistentVolumeClaim|media|radarr']);
    expect(b.problems).toEqual([expect.objectContaining({ code: 'RESOURCE_MISSING', file: 'ks.yaml', line: 41 })]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    // equivalent/ is the kustomization Flux generates for the sonarr Kustomization, written by hand.
    expectSameAsKubectl('flux', 'equivalent', await fluxBuild('sonarr'), ['--load-restrictor', 'LoadRestrictionsNone']);
  });
});
