import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * An ExternalSecret no Flux Kustomization applies (a component nothing uses, a runner folder
 * commented out of its list) creates nothing: its store and refresh interval are not judged. The one
 * deployed beside it still is.
 */
describe('ExternalSecrets Flux does not apply', () => {
  const repo = tempRepos(afterAll);

  it('get no store or refresh-interval finding; deployed ones do', async () => {
    const r = repo('es-not-deployed');
    const es = (name: string) => `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\n  namespace: runners\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: nowhere\n  target:\n    name: ${name}\n  dataFrom:\n    - extract:\n        key: ${name}\n`;
    r.put('clusters/home/runners.yaml', fluxKustomization('runners', './runners'));
    r.put('runners/kustomization.yaml', 'resources:\n  # - ./old\n  - ./live\n');
    for (const x of ['old', 'live']) {
      r.put(`runners/${x}/kustomization.yaml`, 'resources:\n  - externalsecret.yaml\n');
      r.put(`runners/${x}/externalsecret.yaml`, es(x));
    }
    r.put('components/volsync/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./r2.yaml\n');
    r.put('components/volsync/r2.yaml', es('r2'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings.filter((f) => f.code.startsWith('EXTERNALSECRET_'));
    expect([...new Set(findings.map((f) => f.source.file))]).toEqual(['runners/live/externalsecret.yaml']);
  });

  it('are judged where deployed, though an archived twin of their Kustomization sorts first', async () => {
    const r = repo('es-archived-twin');
    const es = 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: bazarr\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: onepassword\n  target:\n    name: bazarr\n  dataFrom:\n    - extract:\n        key: bazarr\n';
    const ks = (path: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: bazarr\n  namespace: media\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  targetNamespace: media\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n`;
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './kubernetes/apps'));
    r.put('kubernetes/apps/kustomization.yaml', 'resources:\n  - ./bazarr/ks.yaml\n');
    r.put('kubernetes/apps/bazarr/ks.yaml', ks('./kubernetes/apps/bazarr/app'));
    r.put('kubernetes/apps/bazarr/app/kustomization.yaml', 'resources:\n  - externalsecret.yaml\n');
    r.put('kubernetes/apps/bazarr/app/externalsecret.yaml', es);
    // The same app, retired to `.archive/` (which sorts before `kubernetes/`).
    r.put('.archive/bazarr/ks.yaml', ks('./.archive/bazarr/app'));
    r.put('.archive/bazarr/app/externalsecret.yaml', es);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.find((k) => k.id === 'Kustomization/media/bazarr')?.source.file).toBe('kubernetes/apps/bazarr/ks.yaml');
    const findings = analyse(model, config).findings.filter((f) => f.code === 'EXTERNALSECRET_NO_REFRESH_INTERVAL');
    expect(findings.map((f) => f.source.file)).toEqual(['kubernetes/apps/bazarr/app/externalsecret.yaml']);
  });
});
