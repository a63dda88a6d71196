/**
 * The Velero CLI works in namespace `velero` unless told otherwise: a restore runbook of a repository
 * that installs Velero elsewhere passes `--namespace` (outside review: Velero in `storage`, the runbook
 * printed `velero backup get --selector …` and `velero restore create …` bare, which list no backups
 * and create a Restore no server reads). The namespace is the Schedule object's, or where the chart's
 * HelmRelease installs a values schedule.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { code, load } from './load.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const schedule = (name: string) =>
  `apiVersion: velero.io/v1\nkind: Schedule\nmetadata:\n  name: ${name}\nspec:\n  schedule: "0 2 * * *"\n  template:\n    includedNamespaces: ["*"]\n    defaultVolumesToFsBackup: true\n`;
const app = (r: { put: (rel: string, text: string) => void }) => {
  r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
  r.put('apps/web/app.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: web-data\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
};
const veleroLines = (c: string) => c.split('\n').filter((l) => l.startsWith('velero '));

describe('the Velero restore commands', () => {
  const repo = tempRepos(afterAll);

  it('name the namespace of the Schedule objects, which is where the server runs', async () => {
    const r = repo('velero-ns-objects');
    bootstrap(r);
    app(r);
    r.put('clusters/prod/velero.yaml', fluxKustomization('velero', './infra/velero', '  targetNamespace: storage\n'));
    r.put('infra/velero/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: storage\nresources:\n  - helmrelease.yaml\n  - schedules.yaml\n');
    // (The chart runs the node agent: the schedules' file-system backups hold the claim's data.)
    r.put('infra/velero/helmrelease.yaml', helmRelease({ name: 'velero', namespace: 'storage', values: '    deployNodeAgent: true\n' }));
    r.put('infra/velero/schedules.yaml', `${schedule('daily-backup')}---\n${schedule('weekly-backup')}`);
    const { byId } = await load(r.root);
    const lines = veleroLines(code(byId('restore:web/web')));
    expect(lines).toContain('velero backup get --selector velero.io/schedule-name=daily-backup --namespace storage');
    expect(lines).toContain('velero restore create --from-backup weekly-backup-<timestamp> --include-namespaces web --namespace storage');
    expect(lines.length).toBe(8);
    expect(lines.every((l) => l.endsWith(' --namespace storage'))).toBe(true);
  });

  it('a values schedule: where its HelmRelease installs; none where that is velero', async () => {
    const r = repo('velero-ns-values');
    bootstrap(r);
    app(r);
    const values = '    deployNodeAgent: true\n    schedules:\n      daily:\n        schedule: "0 3 * * *"\n        template:\n          defaultVolumesToFsBackup: true\n';
    r.put('clusters/prod/velero.yaml', fluxKustomization('velero', './infra/velero'));
    r.put('infra/velero/helmrelease.yaml', helmRelease({ name: 'velero', namespace: 'flux-system', values }).replace('spec:\n', 'spec:\n  targetNamespace: backup\n'));
    const { byId } = await load(r.root);
    const lines = veleroLines(code(byId('restore:web/web')));
    // (Flux names the release `<targetNamespace>-<name>`: the chart's schedule is `backup-velero-daily`.)
    expect(lines).toContain('velero backup get --selector velero.io/schedule-name=backup-velero-daily --namespace backup');
    expect(lines.every((l) => l.endsWith(' --namespace backup'))).toBe(true);

    const plain = repo('velero-ns-default');
    bootstrap(plain);
    app(plain);
    plain.put('clusters/prod/velero.yaml', fluxKustomization('velero', './infra/velero'));
    plain.put('infra/velero/helmrelease.yaml', helmRelease({ name: 'velero', namespace: 'velero', values }));
    const bare = veleroLines(code((await load(plain.root)).byId('restore:web/web')));
    expect(bare).toContain('velero backup get --selector velero.io/schedule-name=velero-daily');
    expect(bare.some((l) => l.includes('--namespace'))).toBe(false);
  });
});
