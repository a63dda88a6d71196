/**
 * What popular charts render from their values, read as the charts' templates do (an outside review
 * compared our facts with the templates of twenty charts): nextcloud's `persistence.nextcloudData` is
 * no bjw-s claim (a claim named `nextcloud` gave a false BACKUP_MISSING while the real one was backed
 * up); the k8s-at-home charts name a claim `<fullname>-<key>` whatever their version; bitnami's charts
 * render their NetworkPolicies by default and their monitors only with `metrics.enabled`; a controller
 * switched off runs no image.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const repoOf = helmRepository;
const release = (name: string, namespace: string, chart: string, version: string, source: string, values: string) => helmRelease({ name, namespace, chart, version, source, values });

describe('chart values read as the charts render them', () => {
  const repo = tempRepos(afterAll);

  it('claims, NetworkPolicies, monitors and images', async () => {
    const { root, put } = repo('chart-values-facts');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/sources.yaml', [repoOf('nextcloud', 'https://nextcloud.github.io/helm/'), repoOf('k8s-at-home', 'https://k8s-at-home.com/charts/'), repoOf('bitnami', 'oci://registry-1.docker.io/bitnamicharts'), repoOf('bjw-s', 'https://bjw-s-labs.github.io/helm-charts/')].join('---\n'));
    put('apps/cloud/nextcloud.yaml', release('nextcloud', 'cloud', 'nextcloud', '6.2.4', 'nextcloud', '    persistence:\n      enabled: true\n      size: 10Gi\n      nextcloudData:\n        enabled: true\n        accessMode: ReadWriteMany\n        size: 200Gi\n'));
    put('apps/home/home-assistant.yaml', release('home-assistant', 'home', 'home-assistant', '13.4.2', 'k8s-at-home', '    persistence:\n      config:\n        enabled: true\n        size: 5Gi\n      cache:\n        type: pvc\n        size: 1Gi\n'));
    put('apps/database/postgresql.yaml', release('postgresql', 'database', 'postgresql', '16.2.1', 'bitnami', '    metrics:\n      serviceMonitor:\n        enabled: true\n'));
    put('apps/database/redis.yaml', release('redis', 'database', 'redis', '20.3.0', 'bitnami', '    metrics:\n      enabled: true\n      serviceMonitor:\n        enabled: true\n'));
    put('apps/cache/valkey.yaml', release('valkey', 'cache', 'valkey', '2.0.0', 'bitnami', '    networkPolicy:\n      enabled: false\n'));
    put(
      'apps/media/app.yaml',
      release('jellyfin', 'media', 'app-template', '4.2.0', 'bjw-s', '    controllers:\n      jellyfin:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/jellyfin/jellyfin\n              tag: 10.10.3\n      backup:\n        enabled: false\n        containers:\n          app:\n            image:\n              repository: docker.io/library/alpine\n'),
    );
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    expect(model.pvcs.filter((p) => p.origin === 'values').map((p) => p.id)).toEqual(['PersistentVolumeClaim/home/home-assistant-config']);
    expect(model.monitors.filter((m) => m.monitorKind === 'values').map((m) => m.name)).toEqual(['redis (metrics.serviceMonitor)']);
    expect(model.helmReleases.find((h) => h.name === 'jellyfin')!.images.map((i) => i.repository)).toEqual(['ghcr.io/jellyfin/jellyfin']);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'IMAGE_TAG_LATEST')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.message.split(' ')[1]).sort()).toEqual(['cache', 'cloud', 'home', 'media']);
  });
});

describe('what counts as a bitnami chart, a switched-off block and a named claim', () => {
  const repo = tempRepos(afterAll);

  it("bitnami-labs' sealed-secrets is no bitnami chart; global.enabled: false hides no image; an existingClaim links for any chart", async () => {
    const { root, put } = repo('chart-values-edges');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/sources.yaml', [repoOf('sealed-secrets', 'https://bitnami-labs.github.io/sealed-secrets'), repoOf('hashicorp', 'https://helm.releases.hashicorp.com'), repoOf('itzg', 'https://itzg.github.io/minecraft-server-charts/')].join('---\n'));
    put('apps/sealed/release.yaml', release('sealed-secrets', 'sealed', 'sealed-secrets', '2.16.0', 'sealed-secrets', '    metrics:\n      serviceMonitor:\n        enabled: true\n'));
    put('apps/consul/release.yaml', release('consul', 'consul', 'consul', '1.5.0', 'hashicorp', '    global:\n      enabled: false\n      image: hashicorp/consul:1.19.2\n    client:\n      enabled: true\n'));
    put('apps/games/release.yaml', release('minecraft', 'games', 'minecraft', '4.23.0', 'itzg', '    persistence:\n      dataDir:\n        enabled: true\n        existingClaim: world-data\n'));
    put('apps/sources2.yaml', repoOf('bitnami-archive', 'https://raw.githubusercontent.com/bitnami/charts/archive-full-index/bitnami'));
    put('apps/cache/redis.yaml', release('redis', 'cache', 'redis', '19.6.0', 'bitnami-archive', '    architecture: standalone\n'));
    put('apps/games/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: world-data\n  namespace: games\nspec:\n  resources:\n    requests:\n      storage: 10Gi\n');
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    expect(model.monitors.filter((m) => m.monitorKind === 'values').map((m) => m.name)).toEqual(['sealed-secrets (metrics.serviceMonitor)']);
    expect(analyse(model, config).findings.filter((f) => f.code === 'NETWORK_POLICY_MISSING').map((f) => f.message.split(' ')[1]).sort()).toEqual(['consul', 'games', 'sealed']); // not cache: bitnami's archived index is bitnami's
    expect(model.helmReleases.find((h) => h.name === 'consul')!.images.map((i) => `${i.repository}:${i.tag}`)).toEqual(['hashicorp/consul:1.19.2']);
    expect(model.pvcs.find((p) => p.name === 'world-data')!.existingClaimOf).toEqual(['HelmRelease/games/minecraft']);
  });

  // An umbrella chart passes each subchart its own persistence map (immich: `server.persistence.<name>`,
  // `machine-learning.persistence.cache`; outside review: three claims the release mounts were used by
  // nothing). One level down, the claims a release names link as the top-level ones do.
  it("a subchart's persistence entry links its existingClaim; one nothing makes is EXISTING_CLAIM_MISSING at its line", async () => {
    const { root, put } = repo('existing-claim-subchart');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/sources.yaml', repoOf('immich', 'https://immich-app.github.io/immich-charts'));
    const values = [
      '    server:',
      '      persistence:',
      '        external-library:',
      '          type: persistentVolumeClaim',
      '          existingClaim: photos-external',
      '          globalMounts:',
      '            - path: /external',
      '    machine-learning:',
      '      persistence:',
      '        cache:',
      '          type: persistentVolumeClaim',
      '          existingClaim: photos-ml-cache',
      '    immich:',
      '      persistence:',
      '        library:',
      '          existingClaim: photos-library',
      // (A subchart switched off mounts nothing: no EXISTING_CLAIM_MISSING for its claim; code review.)
      '    ocr:',
      '      enabled: false',
      '      persistence:',
      '        cache:',
      '          existingClaim: photos-ocr',
      '    redis:',
      '      persistence:',
      '        data:',
      '          enabled: false',
      '          existingClaim: photos-redis',
      '',
    ].join('\n');
    put('apps/photos/release.yaml', release('immich', 'photos', 'immich', '0.11.1', 'immich', values));
    for (const name of ['photos-external', 'photos-library']) put(`apps/photos/${name}.yaml`, `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: photos\nspec:\n  resources:\n    requests:\n      storage: 10Gi\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    expect(model.pvcs.find((p) => p.name === 'photos-external')!.existingClaimOf).toEqual(['HelmRelease/photos/immich']);
    // (The chart's documented `immich.persistence.library`: its existingClaim alone.)
    expect(model.pvcs.find((p) => p.name === 'photos-library')!.existingClaimOf).toEqual(['HelmRelease/photos/immich']);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'EXISTING_CLAIM_MISSING');
    // (redis's entry is switched off: the chart mounts no claim there.)
    expect(missing.map((f) => `${f.source.file}:${f.source.line}`)).toEqual(['apps/photos/release.yaml:' + String(release('immich', 'photos', 'immich', '0.11.1', 'immich', values).split('\n').findIndex((l) => l.includes('existingClaim: photos-ml-cache')) + 1)]);
    expect(missing[0]!.message).toContain('photos-ml-cache');
  });

  // homarr's chart keys a persistence entry `homarrDatabase` (claim `homarr-database`, named by the
  // chart): `homarr-homarrDatabase` was made up, a name no API server accepts (outside review).
  it('makes no claim of a non-library entry keyed with a capital; a lower-case one mounted is still read', async () => {
    const { root, put } = repo('values-claim-capital');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/sources.yaml', repoOf('homarr', 'https://homarr-labs.github.io/charts'));
    put('apps/homarr/release.yaml', release('homarr', 'homarr', 'homarr', '4.0.0', 'homarr', '    persistence:\n      homarrDatabase:\n        enabled: true\n        mountPath: /appdata/db\n        size: 1Gi\n      config:\n        enabled: true\n        mountPath: /config\n        size: 1Gi\n'));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.pvcs.filter((p) => p.namespace === 'homarr').map((p) => p.name)).toEqual(['homarr-config']);
  });

  it('an existingClaim written as `{{ .Release.Name }}` names the release\'s claim (app-template renders it with tpl); another template names none and makes none', async () => {
    const { root, put } = repo('existing-claim-template');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/sources.yaml', repoOf('bjw-s', 'https://bjw-s-labs.github.io/helm-charts/'));
    const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: downloads\nspec:\n  resources:\n    requests:\n      storage: 10Gi\n`;
    put('apps/downloads/radarr.yaml', release('radarr', 'downloads', 'app-template', '4.2.0', 'bjw-s', '    persistence:\n      config:\n        existingClaim: "{{ .Release.Name }}"\n      media:\n        existingClaim: "{{ .Values.mediaClaim }}"\n'));
    put('apps/downloads/pvc.yaml', claim('radarr'));
    const { model } = await scanRepo(root, parseConfig({}));
    expect(model.pvcs.find((p) => p.name === 'radarr')!.existingClaimOf).toEqual(['HelmRelease/downloads/radarr']);
    // Neither a claim named by the template text nor one the chart would make for `media`.
    expect(model.pvcs.map((p) => p.name)).toEqual(['radarr']);
  });
});
