/**
 * A version of a Flux kind that Flux never served (`helm.toolkit.fluxcd.io/v1beta2` HelmRelease; the
 * group served v2beta1, v2beta2 and v2): an object of it is refused by the API server, and a health
 * check of it never passes (outside review: a Kustomization's healthChecks named
 * helm.toolkit.fluxcd.io/v1beta2, and nothing was said). Served versions, and versions newer than
 * the table knows, are not judged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { fluxKindElsewhere, unservedFluxVersion } from '../../src/model/flux-api-versions.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('versions of Flux kinds that Flux never served', () => {
  const repo = tempRepos(afterAll);

  it('are told apart from served, removed-but-served and newer versions', () => {
    expect(unservedFluxVersion('helm.toolkit.fluxcd.io/v1beta2', 'HelmRelease')).toEqual(['v2beta1', 'v2beta2', 'v2']);
    expect(unservedFluxVersion('helm.toolkit.fluxcd.io/v1', 'HelmRelease')).not.toBeNull();
    expect(unservedFluxVersion('source.toolkit.fluxcd.io/v1beta1', 'OCIRepository')).not.toBeNull();
    for (const ok of ['helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v2beta1', 'kustomize.toolkit.fluxcd.io/v1beta1', 'source.toolkit.fluxcd.io/v1beta2', 'helm.toolkit.fluxcd.io/v3', 'helm.toolkit.fluxcd.io/v3beta1', 'apps/v1']) {
      expect(unservedFluxVersion(ok, ok.startsWith('helm') ? 'HelmRelease' : ok.startsWith('kustomize') ? 'Kustomization' : 'OCIRepository'), ok).toBeNull();
    }
    // A kind the table does not list is not judged.
    expect(unservedFluxVersion('source.toolkit.fluxcd.io/v1alpha1', 'ExternalArtifact')).toBeNull();
  });

  it('an object of one is an error, a health check of one a warning, at their lines', async () => {
    const r = repo('api-version-unserved');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps', '  healthChecks:\n    - apiVersion: helm.toolkit.fluxcd.io/v1beta2\n      kind: HelmRelease\n      name: web\n      namespace: web\n    - apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      name: web\n      namespace: web\n'));
    r.put('apps/web.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    r.put('apps/old.yaml', helmRelease({ name: 'old', namespace: 'web' }).replace('helm.toolkit.fluxcd.io/v2', 'helm.toolkit.fluxcd.io/v1beta2'));
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    const found = analysis.findings.filter((f) => f.code === 'API_VERSION_UNSERVED').map((f) => [f.severity, `${f.source.file}:${f.source.line}`]);
    expect(found.sort()).toEqual([['error', 'apps/old.yaml:1'], ['warning', 'clusters/home/apps.yaml:14']]);
  });

  it('a Flux kind written under another toolkit group is an error naming its own apiVersion; kustomize’s Kustomization is not one', async () => {
    // (Outside review: `apiVersion: source.toolkit.fluxcd.io/v1` with `kind: HelmRelease`, and a misspelt `heml.toolkit.fluxcd.io/v2`.)
    expect(fluxKindElsewhere('source.toolkit.fluxcd.io/v1', 'HelmRelease')).toBe('helm.toolkit.fluxcd.io/v2');
    expect(fluxKindElsewhere('heml.toolkit.fluxcd.io/v2', 'HelmRelease')).toBe('helm.toolkit.fluxcd.io/v2');
    expect(fluxKindElsewhere('helm.toolkit.fluxcd.io/v2', 'HelmRelease')).toBeNull();
    expect(fluxKindElsewhere('kustomize.config.k8s.io/v1beta1', 'Kustomization')).toBeNull();
    expect(fluxKindElsewhere('helm.fluxcd.io/v1', 'HelmRelease')).toBeNull();
    expect(fluxKindElsewhere('notification.toolkit.fluxcd.io/v1beta3', 'Alert')).toBeNull();
    const r = repo('flux-kind-elsewhere');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/reflector.yaml', helmRelease({ name: 'reflector', namespace: 'kube-system' }).replace('helm.toolkit.fluxcd.io/v2', 'source.toolkit.fluxcd.io/v1'));
    const { analysis } = await computeAtlas(r.root, parseConfig({}));
    const found = analysis.findings.filter((f) => f.code === 'API_VERSION_UNSERVED');
    expect(found.map((f) => [f.severity, `${f.source.file}:${f.source.line}`])).toEqual([['error', 'apps/reflector.yaml:1']]);
    expect(found[0]!.message).toContain('Write apiVersion: helm.toolkit.fluxcd.io/v2.');
  });
});
