import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize patches', () => {
  it('a strategic-merge patch file without target patches the object of its kind and name', async () => {
    const b = await build('patches', '');
    expect(at(find(b, 'HelmRelease', 'podinfo').body, 'spec.values')).toEqual({ replicaCount: 3, ingress: { enabled: true } });
  });

  it('a target with a name regex patches every match and nothing else', async () => {
    const b = await build('patches', '');
    expect(at(find(b, 'HelmRelease', 'sonarr').body, 'spec.dependsOn')).toEqual([{ name: 'volsync', namespace: 'storage' }]);
    expect(at(find(b, 'HelmRelease', 'radarr').body, 'spec.dependsOn')).toEqual([{ name: 'volsync', namespace: 'storage' }]);
    expect(at(find(b, 'HelmRelease', 'sonarr-exporter').body, 'spec.dependsOn')).toBeUndefined();
  });

  it('a label-selected strategic merge merges containers by name; patchesStrategicMerge and patchesJson6902 apply too', async () => {
    const b = await build('patches', '');
    const web = find(b, 'Deployment', 'web').body;
    expect(at(web, 'spec.template.spec.containers.0')).toEqual({ name: 'web', image: 'nginx:1.27', args: ['--port=8080', '--verbose'], resources: { limits: { memory: '256Mi' } } });
    expect(at(web, 'spec.template.spec.containers.1.name')).toBe('sidecar');
    expect(at(web, 'spec.replicas')).toBe(2);
  });

  it('$patch: delete removes the object from the build', async () => {
    const b = await build('patches', '');
    expect(b.objects.map(idOf)).not.toContain('ConfigMap||leftover');
    expect(b.problems).toEqual([]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('patches', '', await build('patches', ''));
  });
});
