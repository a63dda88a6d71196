import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { build, expectSameAsKubectl, KUBECTL, SAME_AS_KUBECTL } from './kustomize-fixture.ts';

let model: Promise<RepoModel> | null = null;
const scan = () => (model ??= scanRepo(join(import.meta.dirname, '../fixtures/kustomize/model'), parseConfig({})).then((r) => r.model));

describe('kustomize in the model: what Flux deploys through kustomization.yaml files', () => {
  it('objects carry the namePrefix and the folder namespace', async () => {
    const ids = (await scan()).objects.map((o) => o.id).filter((id) => !id.startsWith('Kustomization/'));
    expect(ids).toEqual(expect.arrayContaining(['HelmRelease/media/home-sonarr', 'Deployment/media/home-sonarr-exporter', 'ConfigMap/media/home-sonarr-settings']));
    expect(ids.some((id) => /\/sonarr(-exporter|-settings)?$/.test(id))).toBe(false);
  });

  it("labels, images and replacements are in the objects' documents", async () => {
    const m = await scan();
    const hr = m.helmReleases.find((h) => h.name === 'home-sonarr')!;
    expect(hr.labels).toEqual({ 'app.kubernetes.io/part-of': 'media' });
    expect(JSON.stringify(hr)).toContain('sonarr.example.org');
    expect(JSON.stringify(hr)).not.toContain('placeholder');
  });

  it('a HelmRelease dependsOn that a component patches in shows on the release', async () => {
    const hr = (await scan()).helmReleases.find((h) => h.name === 'home-sonarr')!;
    expect(hr.dependsOn.map((d) => `${d.namespace}/${d.name}`)).toEqual(['storage/volsync']);
  });

  it.skipIf(!KUBECTL)(SAME_AS_KUBECTL, async () => {
    expectSameAsKubectl('model', 'kubernetes/apps', await build('model', 'kubernetes/apps'));
  });
});
