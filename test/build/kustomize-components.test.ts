import { describe, expect, it } from 'vitest';
import { obj } from '../../src/model/values.ts';
import { build, expectSameAsKubectl, find, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize components', () => {
  it('a component shared by two namespaces creates its objects in each of them', async () => {
    for (const ns of ['media', 'games']) {
      const b = await build('components', `apps/${ns}`);
      expect(b.objects.map(idOf).sort()).toEqual([`Alert|${ns}|flux-alerts`, `ConfigMap|${ns}|cluster-settings`, `HelmRelease|${ns}|${ns}-app`, `Namespace||${ns}`]);
      // Every object a component (or a component inside it) added names the kustomization that listed the component.
      expect(find(b, 'Alert', 'flux-alerts').componentOf).toBe(`apps/${ns}/kustomization.yaml`);
      expect(find(b, 'ConfigMap', 'cluster-settings').componentOf).toBe(`apps/${ns}/kustomization.yaml`);
      expect(find(b, 'HelmRelease', `${ns}-app`).componentOf).toBeNull();
    }
  });

  it("the component's patches apply to what it added", async () => {
    const b = await build('components', 'apps/media');
    expect(obj(find(b, 'Namespace', 'media').body.metadata).labels).toEqual({ team: 'home' });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    for (const ns of ['media', 'games']) expectSameAsKubectl('components', `apps/${ns}`, await build('components', `apps/${ns}`));
  });
});

// kustomize (v5.1 on, kubernetes-sigs/kustomize#5170) builds a kustomization's components after its
// own generators: a component's `behavior: merge` and its patch without a target find the ConfigMap
// the kustomization that lists it generates. They ran before those generators here, so the merge
// had no base and the patch no object (a false PATCH_NO_TARGET stop).
describe('kustomize components after the generators of the kustomization that lists them', () => {
  it('merge into and patch what that kustomization generates', async () => {
    const b = await build('components-generators', 'app');
    expect(b.problems.map((p) => p.code)).toEqual([]);
    expect(find(b, 'ConfigMap', 'settings').body.data).toEqual({ mode: 'tuned', level: '1', patched: 'yes' });
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('components-generators', 'app', await build('components-generators', 'app'));
  });
});
