import { describe, expect, it } from 'vitest';
import { obj } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize namespace', () => {
  it('sets the namespace on namespaced objects, renames Namespace objects, leaves cluster-scoped kinds alone', async () => {
    const b = await build('namespace', '');
    expect(b.objects.map(idOf)).toEqual([
      'Namespace||media',
      'Deployment|media|jellyfin',
      'ClusterRole||reader',
      'RoleBinding|media|reader',
      // kustomize does not know cert-manager's kinds and treats them as namespaced (the API server ignores it).
      'ClusterIssuer|media|letsencrypt',
      'StorageClass||fast',
    ]);
  });

  it('moves the default ServiceAccount of a RoleBinding along, not other subjects', async () => {
    const b = await build('namespace', '');
    expect(find(b, 'RoleBinding', 'reader').body.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'default', namespace: 'media' },
      { kind: 'ServiceAccount', name: 'jellyfin', namespace: 'elsewhere' },
    ]);
    expect(obj(find(b, 'Deployment', 'jellyfin').body.metadata).namespace).toBe('media');
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('namespace', '', await build('namespace', ''));
  });
});
