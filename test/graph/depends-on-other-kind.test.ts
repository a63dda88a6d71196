/**
 * A Kustomization's dependsOn names Kustomizations only (a HelmRelease's, HelmReleases only): an entry
 * naming a HelmRelease of the repository is still missing for Flux, and the finding says what was
 * probably meant (outside review, thirty-second round: `web` -> `external-secrets`, a HelmRelease, got
 * a plain "not defined").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('dependsOn naming an object of the other kind', () => {
  const repo = tempRepos(afterAll);

  it('says which object exists and what to depend on instead', async () => {
    const r = repo('depends-on-other-kind');
    bootstrap(r);
    r.put('clusters/prod/eso.yaml', fluxKustomization('eso', './apps/eso'));
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  dependsOn:\n    - name: external-secrets\n'));
    r.put('apps/eso/repo.yaml', helmRepository('eso', 'https://charts.external-secrets.io'));
    r.put('apps/eso/release.yaml', `${helmRelease({ name: 'external-secrets', namespace: 'external-secrets', source: 'eso' })}  dependsOn:\n    - name: web-db\n`);
    r.put('apps/web/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    r.put('clusters/prod/web-db.yaml', fluxKustomization('web-db', './apps/web-db').replace('namespace: flux-system', 'namespace: external-secrets'));
    r.put('apps/web-db/configmap.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-db\n  namespace: web\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'DEPENDS_ON_MISSING');
    expect(found.map((f) => [f.severity, f.source.file])).toEqual([
      ['error', 'apps/eso/release.yaml'],
      ['error', 'clusters/prod/web.yaml'],
    ]);
    expect(found[1]!.message).toContain("HelmRelease external-secrets/external-secrets exists, but a Kustomization's dependsOn names Kustomizations only");
    expect(found[1]!.message).toContain('depend on the Kustomization that applies it, flux-system/eso');
    expect(found[0]!.message).toContain("Kustomization external-secrets/web-db exists, but a HelmRelease's dependsOn names HelmReleases only");
  });
});
