/**
 * What a restore runbook says first about an app's volumes: a volume nothing backs up (and what the
 * systems that reach it keep of it, so that no one deletes a claim whose data no backup holds), one
 * whose backup the repository does not tell, one that holds the backups that would restore it, and the
 * backups other apps keep in this one. At 2 a.m. that is the first thing to know.
 */
import type { App } from '../../model/app.ts';
import type { BackupRow } from '../health/backup.ts';
import { BACKUP_SYSTEMS } from '../health/backup-systems.ts';
import { inClusterTargets, type BackupTarget } from '../health/backup-targets.ts';
import type { Block, RunbookInput } from './types.ts';

/** The backup targets of the model by the app behind them, once per model. */
const targetsOf = new WeakMap<object, Map<string, BackupTarget[]>>();
function hostedTargets(model: RunbookInput['model']): Map<string, BackupTarget[]> {
  let m = targetsOf.get(model.objects);
  if (!m) targetsOf.set(model.objects, (m = Map.groupBy(inClusterTargets(model), (t) => t.appId)));
  return m;
}

/** The cautions at the top of an app's restore runbook, for its volumes (one row a claim). */
export function volumeCautions(model: RunbookInput['model'], app: App, volumes: readonly BackupRow[]): Block[] {
  const uncovered = volumes.filter((v) => v.coveredBy.length === 0 && v.unknown === null);
  const unknown = volumes.filter((v) => v.coveredBy.length === 0 && v.unknown !== null);
  const overview: Block[] = [];
  // Backups other systems keep in this app (a BackupStorageLocation's or a barman endpoint's s3Url names
  // its Service): replacing its volumes replaces those backups too.
  const hosted = hostedTargets(model).get(app.id) ?? [];
  if (hosted.length > 0) {
    overview.push({
      type: 'aside',
      variant: 'caution',
      title: 'This app holds backups',
      text: [`${[...new Set(hosted.map((t) => `${t.via} writes to ${t.url}`))].join('; ')}. Deleting or restoring its volumes deletes or rolls back those backups: take a copy of them first, and restore the app from a backup kept outside it.`],
    }, { type: 'refs', refs: [...new Map(hosted.map((t) => [`${t.source.file}:${t.source.line}`, { file: t.source.file, line: t.source.line }])).values()] });
  }
  for (const v of uncovered) {
    // What the systems that reach the claim do not keep of it (a Velero schedule that keeps its object
    // only, or leaves it out), said: a restore brings back no more than that.
    const why = [...(v.ownTarget ? [v.ownTarget] : []), ...BACKUP_SYSTEMS.map((s) => v.systems[s].note).filter((n): n is string => n !== null)];
    overview.push({
      type: 'aside',
      variant: 'caution',
      title: v.ownTarget ? `${v.name} holds the backups that would restore it` : `No backup covers ${v.name}`,
      text: [
        'Nothing in this repository backs up the data of the volume ',
        { code: `${v.namespace ?? ''}/${v.name}` },
        why.length ? `: ${why.join('; ')}. ` : ' (no k8up Schedule in its namespace, no Velero schedule, no Longhorn backup RecurringJob, no VolSync ReplicationSource). ',
        'If it is lost, its data is gone: this runbook cannot bring it back, and deleting the claim loses it. Add a backup before you need one.',
      ],
    });
  }
  // Backed up by another system too: that one restores it; the one whose backups live here cannot.
  for (const v of volumes.filter((x) => x.ownTarget !== null && x.coveredBy.length > 0)) {
    overview.push({ type: 'aside', variant: 'caution', title: `Do not restore ${v.name} from the backups it holds`, text: [`${v.ownTarget}. Restore it with the other backup below, and do not delete it for a restore from the backups kept on it.`] });
  }
  for (const v of unknown) {
    overview.push({
      type: 'aside',
      variant: 'caution',
      title: `Not known whether a backup holds ${v.name}`,
      text: ['The repository does not tell whether a backup keeps the data of ', { code: `${v.namespace ?? ''}/${v.name}` }, ` (${v.unknown}). Check the backup itself before you delete anything (step 3).`],
    });
  }
  return overview;
}
