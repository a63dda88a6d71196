/**
 * Longhorn RecurringJobs on the app page's Backup section, by their task: the Longhorn page listed
 * `RecurringJob fs-trim` (task filesystem-trim) under Backup (outside review). A backup job is listed
 * as a backup, a snapshot job as a local snapshot, and trim or snapshot cleanup not at all.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { appSections } from '../../src/lib/site/app-sections.ts';
import { backupNote } from '../../src/lib/site/app-facts-storage.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const job = (name: string, task: string) => `apiVersion: longhorn.io/v1beta2\nkind: RecurringJob\nmetadata:\n  name: ${name}\nspec:\n  cron: "0 3 * * *"\n  task: ${task}\n  groups:\n    - default\n  retain: 2\n  concurrency: 1\n`;

describe('Longhorn RecurringJobs on the app page', () => {
  const repo = tempRepos(afterAll);

  const factsOf = async (jobs: [string, string][]) => {
    const r = repo('longhorn-jobs');
    bootstrap(r, 'home');
    r.put('clusters/home/longhorn.yaml', fluxKustomization('longhorn', './apps/longhorn', '  targetNamespace: longhorn-system\n'));
    r.put('apps/longhorn/kustomization.yaml', `resources:\n  - helmrelease.yaml\n${jobs.map(([n]) => `  - ${n}.yaml\n`).join('')}`);
    r.put('apps/longhorn/helmrelease.yaml', helmRelease({ name: 'longhorn', version: '1.10.1' }));
    for (const [name, task] of jobs) r.put(`apps/longhorn/${name}.yaml`, job(name, task));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return appFacts(model, model.apps.find((a) => a.name === 'longhorn')!.id)!;
  };

  it('lists backup and snapshot jobs, the snapshot one as a local snapshot, and leaves upkeep out', async () => {
    const f = await factsOf([
      ['backup', 'backup'],
      ['snapshot', 'snapshot'],
      ['fs-trim', 'filesystem-trim'],
      ['snapshot-cleanup', 'snapshot-cleanup'],
    ]);
    expect(f.backup.objects.map((o) => [o.name, o.note ?? null])).toEqual([
      ['backup', null],
      ['snapshot', "local snapshot (task snapshot), kept on the volume's own replicas: not a backup"],
    ]);
  });

  it('has no Backup section where the app has only a trim job and no storage', async () => {
    const f = await factsOf([['fs-trim', 'filesystem-trim']]);
    expect(f.backup.objects).toEqual([]);
    expect(appSections(f).map((s) => s.slug)).not.toContain('backup');
  });

  it('says what each Longhorn task does', () => {
    const note = (task: string | null) => backupNote({ system: 'longhorn', task });
    expect(['backup', 'backup-force-create'].map(note)).toEqual(['', '']);
    expect(['filesystem-trim', 'snapshot-cleanup', 'snapshot-delete'].map(note)).toEqual([null, null, null]);
    expect(note('snapshot-force-create')).toMatch(/^local snapshot/);
    expect(note('system-backup')).toMatch(/^Longhorn system backup/);
    expect(note(null)).toBe('task not set');
    expect(backupNote({ system: 'k8up', task: 'Schedule' })).toBe('');
  });
});
