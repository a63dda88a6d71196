/**
 * A Flux Kustomization's `spec.patches` value goes into every document it patches as a copy. Patch
 * texts are parsed once and frozen (patches.ts), and the documents are changed in place afterwards
 * (postBuild substitution above all): a JSON 6902 `add` of an object with `${VAR}` in it, the usual
 * way to give a Deployment an env entry or labels per cluster, stopped the whole scan with
 * "Cannot assign to read only property".
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('flux-patch-values');
afterAll(remove);
const deployment = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: nginx:1.27\n`;

describe('Flux spec.patches values and postBuild substitution', () => {
  it('a JSON 6902 add of an object and a strategic $patch: replace, substituted per document, without crashing', async () => {
    put(
      'clusters/main/apps.yaml',
      [
        'apiVersion: kustomize.toolkit.fluxcd.io/v1',
        'kind: Kustomization',
        'metadata:',
        '  name: apps',
        '  namespace: flux-system',
        'spec:',
        '  interval: 10m',
        '  path: ./apps',
        '  prune: true',
        '  sourceRef:',
        '    kind: GitRepository',
        '    name: flux-system',
        '  patches:',
        '    - target: {kind: Deployment}',
        '      patch: |',
        '        - op: add',
        '          path: /metadata/labels',
        '          value:',
        '            domain: "${DOMAIN}"',
        '    - target: {kind: Deployment, name: api}',
        '      patch: |',
        '        apiVersion: apps/v1',
        '        kind: Deployment',
        '        metadata:',
        '          name: api',
        '          annotations:',
        '            $patch: replace',
        '            owner: "${OWNER}"',
        '  postBuild:',
        '    substitute:',
        '      DOMAIN: example.org',
        '      OWNER: platform',
        '',
      ].join('\n'),
    );
    put('apps/web.yaml', deployment('web'));
    put('apps/api.yaml', deployment('api'));
    const { model } = await scanRepo(root, parseConfig({}));
    const byName = new Map(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.name, o]));
    expect(byName.get('web')?.labels).toEqual({ domain: 'example.org' });
    expect(byName.get('api')?.labels).toEqual({ domain: 'example.org' });
    expect(byName.get('api')?.annotations).toEqual({ owner: 'platform' });
    expect(model.findings.filter((f) => f.code.startsWith('PATCH_') || f.code.startsWith('SUBSTITUTION_'))).toEqual([]);
  });
});
