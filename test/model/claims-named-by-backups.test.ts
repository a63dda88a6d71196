/**
 * A claim a chart or operator makes from values the model does not read (bitnami postgresql's data
 * claim, redis's `redis-data-redis-master-0`) is still known where a backup copies it: a VolSync
 * ReplicationSource's `sourcePVC`, a kopiur SnapshotPolicy's source. Outside review: a database backed
 * up by VolSync showed no Storage section, and atlas.json said backup "none". Such a claim is a row of
 * the app's storage (size and class unknown, shown as such), backed up by that object; a claim the
 * model has is not listed twice, and a name a variable still fills in is not a claim. A claim a central
 * folder of backup policies names is the app's that makes it (the release its name holds).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { renderAppReadme } from '../../src/lib/export/app-readme.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const replicationSource = (name: string, pvc: string, ns: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  sourcePVC: ${pvc}\n  trigger:\n    schedule: "45 */12 * * *"\n  restic:\n    repository: ${name}-restic\n    copyMethod: Snapshot\n`;

describe('claims a backup names that no manifest declares', () => {
  const repo = tempRepos(afterAll);

  it('are storage rows of the app, backed up by that object; known claims stay as they are', async () => {
    const r = repo('claims-named-by-backups');
    r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    r.put('clusters/main/apps.yaml', ['postgresql', 'paperless', 'templated'].map((a) => fluxKustomization(a, `./apps/${a}`)).join('---\n'));
    r.put('apps/postgresql/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  - replicationsource.yaml\n');
    r.put('apps/postgresql/helmrelease.yaml', helmRelease({ name: 'postgresql', namespace: 'db', chart: 'postgresql', version: '16.4.0', values: '    primary:\n      persistence:\n        enabled: true\n        size: 8Gi\n' }));
    r.put('apps/postgresql/replicationsource.yaml', `${replicationSource('postgresql-data', 'data-postgresql-0', 'db')}---\n${replicationSource('postgresql-dump', 'postgresql-pgdumpall', 'db')}`);
    // A claim the model has (a manifest), copied by a ReplicationSource: listed once, as the manifest.
    r.put('apps/paperless/kustomization.yaml', 'resources:\n  - pvc.yaml\n  - replicationsource.yaml\n');
    r.put('apps/paperless/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: paperless-data\n  namespace: docs\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n');
    r.put('apps/paperless/replicationsource.yaml', replicationSource('paperless', 'paperless-data', 'docs'));
    // A name no substitution fills in (no postBuild): not a claim of its own.
    r.put('apps/templated/kustomization.yaml', 'resources:\n  - replicationsource.yaml\n');
    r.put('apps/templated/replicationsource.yaml', replicationSource('templated', '${APP}-data', 'tpl'));
    // A central folder of backup policies (wave w: `kopiur-policies`): each claim is the app's that makes it.
    r.put('clusters/main/backups.yaml', fluxKustomization('backups', './backups'));
    r.put('clusters/main/auth.yaml', fluxKustomization('authentik', './apps/authentik'));
    r.put('apps/authentik/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/authentik/helmrelease.yaml', helmRelease({ name: 'authentik', namespace: 'auth', values: '    postgresql:\n      enabled: true\n' }));
    r.put('backups/kustomization.yaml', 'resources:\n  - sources.yaml\n');
    r.put('backups/sources.yaml', replicationSource('authentik-db', 'data-authentik-postgresql-0', 'auth'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const facts = (name: string) => appFacts(model, model.apps.find((a) => a.name === name)!.id)!;
    expect(facts('authentik').storage.map((v) => `${v.name}: ${v.backups.map((b) => b.detail).join('; ')}`)).toEqual(['data-authentik-postgresql-0: ReplicationSource authentik-db']);
    expect(facts('authentik').backup.status).toBe('covered');
    expect(facts('backups').storage).toEqual([]);

    const pg = facts('postgresql');
    expect(pg.storage.map((v) => `${v.name} ${v.size ?? '?'} ${v.namedByBackup ?? false}: ${v.backups.map((b) => `${b.system} ${b.detail}`).join('; ')}`)).toEqual([
      'data-postgresql-0 ? true: volsync ReplicationSource postgresql-data',
      'postgresql-pgdumpall ? true: volsync ReplicationSource postgresql-dump',
    ]);
    expect(pg.storage[0]!.origin).toContain('not in the manifests');
    expect(pg.backup).toMatchObject({ status: 'covered', uncovered: [] });
    expect(renderAppReadme(pg)).toContain('data-postgresql-0');

    const paperless = facts('paperless');
    expect(paperless.storage.map((v) => `${v.name} ${v.size} ${v.namedByBackup ?? false}`)).toEqual(['paperless-data 5Gi false']);
    expect(paperless.backup.status).toBe('covered');

    const templated = facts('templated');
    expect(templated.storage).toEqual([]);
    expect(templated.backup.status).toBe('none');
  });
});
