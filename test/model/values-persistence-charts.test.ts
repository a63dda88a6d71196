import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * `persistence.<name>` is a claim in the bjw-s common library (app-template, the k8s-at-home charts).
 * Other charts use the key otherwise: harbor's `persistence.persistentVolumeClaim.registry`,
 * bitnami's `persistence.annotations`. Read as claims, they were invented volumes with BACKUP_MISSING.
 */
const release = (name: string, chart: string, values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: apps\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${chart}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n        namespace: flux-system\n  values:\n${values}`;

describe('claims read from Helm values', () => {
  const repo = tempRepos(afterAll);

  it('are the common library\'s only', async () => {
    const r = repo('values-persistence');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/harbor.yaml', release('harbor', 'harbor', '    persistence:\n      enabled: true\n      resourcePolicy: keep\n      persistentVolumeClaim:\n        registry:\n          size: 50Gi\n'));
    r.put('apps/redis.yaml', release('redis', 'redis', '    persistence:\n      annotations:\n        backup.velero.io/backup-volumes: "false"\n'));
    r.put('apps/paperless.yaml', release('paperless', 'app-template', '    controllers:\n      paperless:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/paperless-ngx/paperless-ngx\n              tag: 2.14.7\n    persistence:\n      data:\n        size: 10Gi\n        globalMounts:\n          - path: /data\n'));
    r.put('apps/sonarr.yaml', release('sonarr', 'sonarr', '    persistence:\n      config:\n        enabled: true\n        size: 5Gi\n        mountPath: /config\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.pvcs.filter((p) => p.origin === 'values').map((p) => p.name).sort()).toEqual(['paperless-data', 'sonarr-config']);
  });
});
