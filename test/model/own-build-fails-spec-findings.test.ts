/**
 * A Flux Kustomization whose own build fails (its path's kustomization.yaml names a missing file) is
 * still an object of its parent's build, which works: its apiVersion and its dependsOn (checked by
 * kustomize-controller before it builds) reach the cluster. Their findings were dropped with the
 * findings of the app its failing build keeps off; what that build would apply stays unchecked.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const v1beta1 = (text: string) => text.replace('kustomize.toolkit.fluxcd.io/v1', 'kustomize.toolkit.fluxcd.io/v1beta1');
const dependsOn = (name: string) => `  dependsOn:\n    - name: ${name}\n`;

describe('findings about a Flux Kustomization whose own build fails', () => {
  const repo = tempRepos(afterAll);

  it('keeps those about the object its parent applies, and drops those about what its build would apply', async () => {
    const r = repo('own-build-fails');
    bootstrap(r);
    r.put('clusters/prod/media.yaml', v1beta1(fluxKustomization('media', './media', dependsOn('storage'))));
    // The build of ./media stops at the missing file: the release and the Kustomization in it are never applied.
    r.put('media/kustomization.yaml', 'resources:\n  - ./missing.yaml\n  - ./release.yaml\n  - ./child.yaml\n');
    r.put('media/release.yaml', helmRelease({ name: 'player', namespace: 'media' }).replace('helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta1'));
    r.put('media/child.yaml', v1beta1(fluxKustomization('media-extras', './media-extras', dependsOn('databases'))));
    r.put('media-extras/kustomization.yaml', 'resources: []\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code !== 'NO_GIT_HISTORY' && f.code !== 'HELMRELEASE_SOURCE_MISSING');
    expect(findings.map((f) => `${f.code} ${f.source.file}:${f.source.line}`).sort()).toEqual([
      'DEPENDS_ON_MISSING clusters/prod/media.yaml:14',
      'DEPRECATED_API_VERSION clusters/prod/media.yaml:1',
      'KUSTOMIZE_FILE_MISSING media/kustomization.yaml:2',
      'NOT_DEPLOYED clusters/prod/media.yaml:1',
      'NOT_DEPLOYED media/child.yaml:1',
    ]);
    // The release is the media Kustomization's own app (it runs it beside its one child): one app,
    // one NOT_DEPLOYED, at the Kustomization.
    expect(model.helmReleases.find((h) => h.name === 'player')?.appId).toBe(model.kustomizations.find((k) => k.name === 'media')?.appId);
  });
});
