/**
 * JSON 6902 patches as RFC 6902 and kustomize apply them: `copy`, `move` and `test` too (they gave a
 * PATCH_NOT_APPLIED warning where kustomize applied them), a failing `test` stops the patch as it stops
 * kustomize, and a pointer (or a replacement's field path) only follows a document's own keys:
 * `/__proto__/x` once reached Object.prototype and changed every object of the process.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { at } from '../../src/model/values.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { build, expectSameAsKubectl, find, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';
import { tempRepo } from '../support/temp-repo.ts';

describe('JSON 6902 operations', () => {
  it('test, copy, move and an escaped key apply as RFC 6902 says', async () => {
    const b = await build('json-patch-ops', 'ok');
    expect(b.problems).toEqual([]);
    const web = find(b, 'Deployment', 'web').body;
    expect(at(web, 'metadata.labels')).toEqual({ app: 'web', new: 'moved' });
    expect(at(web, 'spec.template.metadata.labels')).toEqual({ app: 'web', new: 'moved' });
    expect(at(web, 'spec.template.spec.containers.1.env')).toEqual([{ name: 'TZ', value: 'Europe/Paris' }]);
    expect(at(web, 'metadata.annotations')).toEqual({ 'a/b': 'slash-in-key' });
    // A copy is a copy: changing one place leaves the other alone.
    expect(at(web, 'spec.template.spec.containers.1.env')).not.toBe(at(web, 'spec.template.spec.containers.0.env'));
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('json-patch-ops', 'ok', await build('json-patch-ops', 'ok'));
  });

  it('an annotation added to an object written without annotations applies, as in kustomize (no PATCH_FAILED)', async () => {
    const b = await build('json-patch-ops', 'annotation-added');
    expect(b.problems).toEqual([]);
    expect(at(find(b, 'Deployment', 'web').body, 'metadata.annotations')).toEqual({ 'reloader.stakater.com/auto': 'true' });
    expect(at(find(b, 'Deployment', 'worker').body, 'metadata.annotations')).toEqual({ 'reloader.stakater.com/auto': 'true' });
    if (KUBECTL) expectSameAsKubectl('json-patch-ops', 'annotation-added', b);
  });

  it('a failing test stops the patch, with a problem at the patch', async () => {
    const b = await build('json-patch-ops', 'failing');
    expect(b.problems.map((p) => [p.code, p.line, p.message])).toEqual([['PATCH_FAILED', 6, expect.stringContaining('test of /spec/template/spec/containers/0/image failed')]]);
  });
});

describe('a replacement whose field path goes through __proto__', () => {
  it('writes a field named __proto__, as kustomize does, and Object.prototype stays as it was', async () => {
    const b = await build('own-keys', '');
    expect(({} as Record<string, unknown>).atlasPolluted).toBeUndefined();
    const meta = find(b, 'ConfigMap', 'c').body.metadata as Record<string, unknown>;
    expect(Object.hasOwn(meta, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(meta, '__proto__')?.value).toEqual({ atlasPolluted: 'c' });
    if (KUBECTL) expectSameAsKubectl('own-keys', '', b);
  });
});

describe('a pointer through __proto__', () => {
  const { root, put, remove } = tempRepo('json-patch-proto');
  afterAll(remove);

  it('names nothing, and Object.prototype stays as it was', async () => {
    put(
      'clusters/main/apps.yaml',
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  patches:\n    - target: {kind: ConfigMap}\n      patch: |\n        - op: add\n          path: /__proto__/atlasPolluted\n          value: yes\n',
    );
    put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\npatches:\n  - target: {kind: ConfigMap}\n    patch: |\n      - op: add\n        path: /metadata/__proto__/atlasPollutedToo\n        value: yes\n');
    put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: default\n');
    const { model } = await scanRepo(root, parseConfig({}));
    expect(({} as Record<string, unknown>).atlasPolluted).toBeUndefined();
    expect(({} as Record<string, unknown>).atlasPollutedToo).toBeUndefined();
    expect(model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED').map((f) => f.source.file).sort()).toEqual(['apps/kustomization.yaml', 'clusters/main/apps.yaml']);
  });
});
