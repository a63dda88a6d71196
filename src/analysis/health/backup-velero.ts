/**
 * The Velero column of the backup matrix for one claim: the schedules that take its data, those whose
 * taking it is not known, and why the others keep only its object or leave it out (velero-reach.ts
 * judges each schedule). Pure.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { Pvc } from '../../model/storage.ts';
import { idOf, indexBy } from '../../model/group-by.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import { isLive, refOf, sameCluster, type Ref } from './common.ts';
import type { VeleroSchedule } from './backup-sources.ts';
import { veleroTake, type VeleroFacts } from './velero-reach.ts';

export interface VeleroCell {
  via: { detail: string; ref: Ref }[];
  unsure: { detail: string; ref: Ref }[];
  note: string | null;
}

/**
 * Where a pod opts the claim's volume into file-system backup (`backup.velero.io/backup-volumes`, read
 * on pods only): a workload manifest's pod template, a StatefulSet's for the claims of its templates
 * (carried on the claim), a HelmRelease's pod annotation (`annotatedBy`: its claims, backup-sources.ts).
 */
function optIns(model: RepoModel, pvc: Pvc, annotatedBy: ReadonlyMap<string, ReadonlySet<string>>): Ref[] {
  const out: Ref[] = [];
  if (pvc.origin === 'volumeClaimTemplate' && pvc.annotations['backup.velero.io/backup-volumes'] !== undefined) out.push(refOf(pvc.source));
  for (const o of model.objects) {
    if (o.fsBackupClaims?.includes(pvc.name) && isWorkload(o) && o.namespace === pvc.namespace && sameCluster(o.cluster, pvc.cluster) && isLive(o, model)) out.push(refOf(o.source));
  }
  const releases = indexBy(model.helmReleases, idOf);
  for (const id of [...pvc.existingClaimOf, ...(pvc.helmRelease ? [pvc.helmRelease] : [])]) {
    const hr = releases.get(id);
    if (hr && annotatedBy.get(id)?.has(pvc.name)) out.push(refOf(hr.source));
  }
  return out;
}

/** The Velero cell of a claim: `schedules` are the live ones of its cluster that include its namespace; `excluded` what its exclude-from-backup label leaves out. */
export function veleroCell(f: VeleroFacts, pvc: Pvc, schedules: readonly VeleroSchedule[], excluded: string | null, annotatedBy: ReadonlyMap<string, ReadonlySet<string>>): VeleroCell {
  const cell: VeleroCell = { via: [], unsure: [], note: null };
  const optIn = optIns(f.model, pvc, annotatedBy);
  if (excluded) {
    if (schedules.length > 0) cell.note = `${excluded} is labelled velero.io/exclude-from-backup: "true", so Velero's schedules leave it out`;
    return cell;
  }
  if (schedules.length === 0) {
    if (optIn.length > 0) cell.note = 'annotated for Velero but no Velero schedule includes its namespace';
    else if (pvc.origin === 'manifest' && pvc.annotations['backup.velero.io/backup-volumes'] !== undefined) cell.note = 'annotated backup.velero.io/backup-volumes, which Velero reads on pods, not on claims';
    return cell;
  }
  const short: { schedule: string; takes: 'object' | 'nothing'; why: string }[] = [];
  let fsUsed = false;
  for (const s of schedules) {
    const t = veleroTake(f, s, pvc, optIn.length > 0);
    if (t.takes === 'data') {
      cell.via.push({ detail: t.detail, ref: refOf(s.source) });
      fsUsed ||= t.detail.includes('file-system backup') && optIn.length > 0;
    } else if (t.takes === 'unknown') cell.unsure.push({ detail: t.detail, ref: refOf(s.source) });
    else short.push({ schedule: s.name, takes: t.takes, why: t.why });
  }
  if (fsUsed) cell.via.push(...optIn.map((ref) => ({ detail: 'backup.velero.io/backup-volumes', ref })));
  if (cell.via.length === 0 && short.length > 0) {
    // One sentence per reason: schedules that fall short the same way are named together.
    const groups = Map.groupBy(short, (x) => `${x.takes}\u0000${x.why}`);
    cell.note = [...groups.values()]
      .map((g) => {
        const names = `Velero schedule${g.length > 1 ? 's' : ''} ${g.map((x) => x.schedule).join(', ')}`;
        return g[0]!.takes === 'object' ? `${names} back${g.length > 1 ? '' : 's'} up the claim's object but not its data: ${g[0]!.why}` : `${names} ${g.length > 1 ? 'do' : 'does'} not take the claim: ${g[0]!.why}`;
      })
      .join('; ');
  }
  return cell;
}
