/**
 * app-template (bjw-s common library 4.x) renders `controllers.<id>.statefulset.volumeClaimTemplates`
 * into its StatefulSet, whose controller makes `<template>-<statefulset>-<ordinal>` per replica. An
 * outside review found them unmodelled: the app showed no storage and no backup warning, though the
 * same claim written under `persistence` got both. 3.x and earlier name controllers otherwise and
 * are left alone (a claim named wrongly is a backup warning about nothing).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const release = (name: string, version: string, controllers: string) => helmRelease({ name, namespace: 'media', chart: 'app-template', version, source: 'bjw-s', values: `    controllers:\n${controllers}` });
const sts = (id: string, replicas = '') =>
  `      ${id}:\n        type: statefulset\n${replicas}        containers:\n          app:\n            image:\n              repository: ghcr.io/example/${id}\n              tag: 1.0.0\n        statefulset:\n          volumeClaimTemplates:\n            - name: config\n              size: 5Gi\n              storageClass: ceph-block\n              accessMode: ReadWriteOnce\n              globalMounts:\n                - path: /config\n`;

describe('app-template StatefulSet volumeClaimTemplates', () => {
  const repo = tempRepos(afterAll);

  it('are claims per replica, named after the controller, each without a backup a BACKUP_MISSING; 3.x says nothing', async () => {
    const r = repo('app-template-vct');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/cross-seed.yaml', release('cross-seed', '4.1.2', sts('cross-seed')));
    r.put('apps/pair.yaml', release('pair', '4.1.2', `${sts('db', '        replicas: 2\n')}      web:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/example/web\n              tag: 1.0.0\n`));
    r.put('apps/old.yaml', release('old', '3.7.3', sts('main')));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.pvcs.map((p) => [p.name, p.size, p.storageClass, p.statefulSet, p.origin, p.source.line]).sort()).toEqual([
      ['config-cross-seed-0', '5Gi', 'ceph-block', 'cross-seed', 'volumeClaimTemplate', 27],
      ['config-pair-db-0', '5Gi', 'ceph-block', 'pair-db', 'volumeClaimTemplate', 28],
      ['config-pair-db-1', '5Gi', 'ceph-block', 'pair-db', 'volumeClaimTemplate', 28],
    ]);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'BACKUP_MISSING');
    expect(missing.map((f) => f.source.file).sort()).toEqual(['apps/cross-seed.yaml', 'apps/pair.yaml']);
  });
});
