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
});
