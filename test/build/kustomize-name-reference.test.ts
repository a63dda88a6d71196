import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize name references', () => {
  it('references to renamed objects follow the prefix and suffix of every layer', async () => {
    const b = await build('name-reference', 'overlay');
    const pod = at(find(b, 'Deployment', 'b-web-o').body, 'spec.template.spec') as object;
    expect(at(pod, 'serviceAccountName')).toBe('b-sa-o');
    expect(at(pod, 'imagePullSecrets.0.name')).toBe('b-sec-o');
    expect(at(pod, 'volumes.0.configMap.name')).toBe('b-cfg-o');
    expect(at(pod, 'volumes.1.secret.secretName')).toBe('b-sec-o');
    expect(at(pod, 'volumes.2.persistentVolumeClaim.claimName')).toBe('b-data-o');
    // A ConfigMap that is not in the build keeps its name.
    expect(at(pod, 'volumes.3.configMap.name')).toBe('other');
    expect(at(pod, 'containers.0.env.0.valueFrom.configMapKeyRef.name')).toBe('b-cfg-o');
    expect(at(find(b, 'Ingress', 'b-web-o').body, 'spec.rules.0.http.paths.0.backend.service.name')).toBe('b-web-o');
    expect(at(find(b, 'RoleBinding', 'b-reader-o').body, 'roleRef.name')).toBe('b-reader-o');
    expect(at(find(b, 'RoleBinding', 'b-reader-o').body, 'subjects.0')).toEqual({ kind: 'ServiceAccount', name: 'b-sa-o', namespace: 'ns' });
  });

  it('a HelmRelease is not a referrer kustomize knows by default: its values keep the name', async () => {
    const b = await build('name-reference', 'overlay');
    expect(at(find(b, 'HelmRelease', 'b-app-o').body, 'spec.valuesFrom.0.name')).toBe('cfg');
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    for (const dir of ['base', 'overlay']) expectSameAsKubectl('name-reference', dir, await build('name-reference', dir));
  });
});
