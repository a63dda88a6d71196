/**
 * A JSON 6902 patch kept in its own file is a YAML list, not an object: the model's kustomize
 * builds read patch files through the object documents only, so `atlas check` said the file "holds
 * no patch" (PATCH_NOT_APPLIED) and the patch was not applied, while the kustomize tests, which hand
 * the builder every document, passed (found by a reviewer, also on test/fixtures/kustomize/patches).
 * Also: a Flux spec.path that climbs above the root is stopped there, as Flux's SecureJoin does.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { obj } from '../../src/model/values.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('patch-file-json6902');
afterAll(remove);

describe('kustomize patch files and Flux paths as the model builds them', () => {
  it('applies a JSON 6902 patch file and reports nothing on the fixture', async () => {
    const { model } = await scanRepo(join(import.meta.dirname, '../fixtures/kustomize/patches'), parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED')).toEqual([]);
  });

  it('builds a patched object with the list patch applied, under a path that climbs above the root', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', '../apps'));
    put('apps/kustomization.yaml', 'resources:\n  - cm.yaml\npatches:\n  - path: add.yaml\n    target:\n      kind: ConfigMap\n');
    put('apps/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  a: "1"\n');
    put('apps/add.yaml', '- op: add\n  path: /metadata/labels\n  value:\n    patched: "yes"\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const cm = model.objects.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.owner).toBe('Kustomization/flux-system/apps');
    expect(obj(cm.labels).patched).toBe('yes');
    expect(model.findings.map((f) => [f.code, f.severity])).toContainEqual(['FLUX_PATH_OUTSIDE_REPO', 'warning']);
    expect(model.findings.map((f) => f.code)).not.toContain('PATCH_NOT_APPLIED');
  });
});
