import { describe, expect, it } from 'vitest';
import { build, expectSameAsKubectl, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize namePrefix and nameSuffix', () => {
  it('prefixes every layer in turn, but never Namespaces, CRDs or APIServices', async () => {
    const b = await build('name-prefix-suffix', 'overlay');
    expect(b.objects.map(idOf)).toEqual([
      'Namespace||tools',
      'CustomResourceDefinition||widgets.example.com',
      'APIService||v1beta1.metrics.k8s.io',
      'ClusterRole||prod-base-viewer-v2',
      'ConfigMap||prod-base-settings-v2',
      'Service||prod-api-v2',
    ]);
  });

  it('keeps the original name for selecting patch targets', async () => {
    const b = await build('name-prefix-suffix', 'overlay');
    expect(b.objects.find((o) => o.orgName === 'settings')?.body.metadata).toMatchObject({ name: 'prod-base-settings-v2' });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    for (const dir of ['base', 'overlay']) expectSameAsKubectl('name-prefix-suffix', dir, await build('name-prefix-suffix', dir));
  });
});
