/**
 * HelmReleases kept in flux-system that install elsewhere (spec.targetNamespace): the app, and the
 * claims its values declare, are in the namespace the release installs into. And a Flux Kustomization
 * file left out of its folder's kustomization.yaml says why it is not deployed. Cases in
 * test/fixtures/repos/helmrelease-target-namespace/README.md.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/repos/helmrelease-target-namespace');

describe('HelmReleases with spec.targetNamespace', async () => {
  const atlas = await computeAtlas(FIXTURE, loadConfig(FIXTURE, {}));
  const { model } = atlas;

  it('puts each app in the namespace its release installs into', () => {
    const apps = Object.fromEntries(model.apps.map((a) => [a.name, a.id]));
    expect(apps).toMatchObject({ 'ingress-nginx': 'edge/ingress-nginx', redis: 'cache/redis', coredns: 'dns/coredns' });
    expect(model.namespaces).toEqual(expect.arrayContaining(['cache', 'dns', 'edge']));
    // The HelmRelease objects themselves stay where they are (flux suspend helmrelease -n flux-system).
    expect(model.helmReleases.map((h) => h.namespace)).toEqual(['flux-system', 'flux-system', 'flux-system']);
  });

  it('makes the claims of the values in that namespace, where the backup schedule finds them', () => {
    const claim = model.pvcs.find((p) => p.origin === 'values');
    // Named from the release: Flux's default release name is `[targetNamespace-]name`, `cache-redis`.
    expect(claim).toMatchObject({ name: 'cache-redis-data', namespace: 'cache', appId: 'cache/redis' });
    expect(appFacts(model, 'cache/redis')!.backup.status).not.toBe('missing');
  });

  it('says a Kustomization file is left out of its folder kustomization.yaml, not that nothing includes the folder', () => {
    const notDeployed = atlas.analysis.findings.filter((f) => f.code === 'NOT_DEPLOYED');
    expect(notDeployed.map((f) => [f.source.file, f.message])).toEqual([
      [
        'infrastructure/controllers/dns/settings.yaml',
        expect.stringContaining('Not listed in infrastructure/controllers/dns/kustomization.yaml: Flux builds this folder from that kustomization.yaml, whose resources do not name settings.yaml'),
      ],
    ]);
  });
});
