import { describe, expect, it } from 'vitest';
import { at } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize replacements', () => {
  it('copies a source field into every target field path, list items selected by name', async () => {
    const b = await build('replacements', '');
    const ingress = find(b, 'Ingress', 'web').body;
    expect(at(ingress, 'spec.rules.0.host')).toBe('media.example.org');
    expect(at(ingress, 'spec.tls.0.hosts.0')).toBe('media.example.org');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.env.0.value')).toBe('media.example.org');
  });

  it('replaces one delimited part, honours reject, and creates a missing field only when asked', async () => {
    const b = await build('replacements', '');
    expect(at(find(b, 'Deployment', 'worker').body, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/example/worker:2.4.1');
    expect(at(find(b, 'Deployment', 'web').body, 'spec.template.spec.containers.0.image')).toBe('ghcr.io/example/web:2.4.1');
    expect(at(find(b, 'ConfigMap', 'app-settings').body, 'data.VERSION')).toBe('2.4.1');
    expect(b.problems).toEqual([]);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('replacements', '', await build('replacements', ''));
  });
});
