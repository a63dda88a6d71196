import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, expectSameAsKubectl, FIXTURES, idOf, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

describe('kustomize resources', () => {
  it('builds files and folders with a kustomization.yaml, layer by layer', async () => {
    const b = await build('resources', 'overlay');
    expect(b.objects.map(idOf)).toEqual(['Deployment||web', 'Service||web', 'ConfigMap||web-config', 'ServiceAccount|tools|web']);
    expect(b.objects.map((o) => o.file)).toEqual(['base/deployment.yaml', 'base/deployment.yaml', 'base/nested/config.yaml', 'overlay/extra.yaml']);
    expect(b.problems).toEqual([]);
  });

  it("a folder without kustomization.yaml gets every manifest below it (Flux's rule); a sub-folder with one is built by it", async () => {
    const b = await build('resources', 'flux-folder');
    expect(b.objects.map(idOf).sort()).toEqual(['ConfigMap|inner|built', 'ConfigMap|inner|second', 'ConfigMap||below', 'ConfigMap||top']);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    for (const dir of ['base', 'overlay', 'flux-folder/withk']) expectSameAsKubectl('resources', dir, await build('resources', dir));
    // kustomize itself refuses a folder without kustomization.yaml: that is Flux's extension.
    expect(() => execFileSync('kubectl', ['kustomize', join(FIXTURES, 'resources/flux-folder')], { stdio: 'pipe' })).toThrow();
  });
});
