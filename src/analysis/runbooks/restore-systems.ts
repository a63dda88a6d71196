/**
 * The restore steps of each backup system, for one volume, with the names the repository uses.
 * Each function returns blocks for the "restore" step of the restore runbook; the surrounding
 * suspend / scale / resume steps are the same for every system (restore.ts).
 *
 * - k8up: a `Restore` object with the Schedule's backend (https://docs.k8up.io/k8up/2.13/how-tos/restore.html)
 * - Velero: `velero restore create --from-backup` (https://velero.io/docs/main/restore-reference/)
 * - Longhorn: restore the volume from its backup (https://longhorn.io/docs/latest/snapshots-and-backups/backup-and-restore/restore-from-a-backup/)
 * - VolSync: restore-volsync.ts
 */
import { stringify } from 'yaml';
import type { BackupObject } from '../../model/storage.ts';
import { subset } from '../../model/group-by.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import type { BackupRow } from '../health/backup.ts';
import { sameCluster } from '../health/common.ts';
import { veleroSchedules, veleroCoversNamespace, type VeleroSchedule } from '../health/backup-sources.ts';
import { at, rawDocOf, safeBackend } from './raw-docs.ts';
import type { Block, Inline, Ref } from './types.ts';

const ref = (s: { file: string; line: number }): Ref => ({ file: s.file, line: s.line });
const yaml = (v: unknown): string => stringify(v, { lineWidth: 0 }).trimEnd();
const dns = (s: string): string => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'restore';

export function k8upBlocks(model: RepoModel, docs: readonly RawDoc[] | undefined, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  // (The claim's own cluster's Schedule: another cluster's may write to another backend.)
  const cluster = model.pvcs.find((p) => p.id === row.pvcId)?.cluster;
  const schedules = model.backupObjects.filter((b) => b.system === 'k8up' && b.kind === 'Schedule' && !b.disabled && b.namespace === row.namespace && sameCluster(b.cluster, cluster));
  const schedule = schedules[0];
  const raw = schedule ? rawDocOf(docs, schedule.source) : null;
  const backend = safeBackend(at(raw?.value, 'spec.backend'));
  const manifest = {
    apiVersion: 'k8up.io/v1',
    kind: 'Restore',
    metadata: { name: dns(`restore-${row.name}`), namespace: ns },
    spec: {
      restoreMethod: { folder: { claimName: row.name } },
      backend: Object.keys(backend).length > 0 ? backend : { repoPasswordSecretRef: { name: '<as in the Schedule>', key: '<as in the Schedule>' } },
    },
  };
  const blocks: Block[] = [
    { type: 'text', text: ['List the snapshots k8up knows for the namespace and note the one to restore (the newest is used when ', { code: 'spec.snapshot' }, ' is left out):'] },
    { type: 'code', lang: 'bash', code: `kubectl -n ${ns} get snapshots.k8up.io` },
    {
      type: 'text',
      text: [
        'Apply a ',
        { code: 'Restore' },
        ` that writes the backup back into `,
        { code: row.name },
        schedule ? `, with the backend of Schedule ` : '',
        ...(schedule ? [{ code: schedule.name }] : []),
        ...(raw ? [' (copied from the repository; Flux substitutes ', { code: '${VARS}' }, ' in the Schedule, fill them in here)'] : []),
        ':',
      ],
    },
    { type: 'code', lang: 'yaml', code: yaml(manifest), caption: 'restore.yaml' },
    { type: 'code', lang: 'bash', code: [`kubectl apply -f restore.yaml`, `kubectl -n ${ns} get restores.k8up.io ${manifest.metadata.name} -w`].join('\n') },
  ];
  if (schedule) blocks.push({ type: 'refs', refs: [ref(schedule.source)] });
  return blocks;
}

/** Velero's chart names a values schedule `<fullname>-<key>`; fullname is the release name when it contains "velero". */
function veleroScheduleName(model: RepoModel, s: { name: string; from: 'values' | 'object'; source: { file: string; line: number } }): string {
  if (s.from === 'object') return s.name;
  const hr: HelmRelease | undefined = model.helmReleases.find((h) => h.source.file === s.source.file && h.source.line === s.source.line);
  const values = (hr?.values ?? {}) as Record<string, unknown>;
  const override = typeof values.fullnameOverride === 'string' ? values.fullnameOverride : null;
  const release = hr?.releaseName ?? 'velero';
  const fullname = override ?? (release.includes('velero') ? release : `${release}-velero`);
  return `${fullname}-${s.name}`;
}

/**
 * The namespace the Velero server runs in, which the CLI must be told (`--namespace`): it looks in
 * `velero` otherwise, finds none of the backups, and creates the Restore where no server reads it
 * (outside review: Velero installed in `storage`, the runbook printed `velero backup get` bare). A
 * Schedule object lives where the server does (the server reads only its own namespace); a chart's
 * values schedule, where its HelmRelease installs. Null where unknown.
 * https://velero.io/docs/main/namespace/
 */
function veleroServerNamespace(model: RepoModel, s: VeleroSchedule): string | null {
  const at = (o: { source: { file: string; line: number } }) => o.source.file === s.source.file && o.source.line === s.source.line;
  if (s.from === 'object') return model.backupObjects.find((b) => b.system === 'velero' && b.kind === 'Schedule' && b.name === s.name && at(b))?.namespace ?? null;
  const hr = model.helmReleases.find(at);
  return hr ? (hr.targetNamespace ?? hr.namespace) : null;
}

/** The schedules the matrix gives as its reasons (`via`, or `unsure`), not every one that includes the claim's namespace. */
function schedulesOf(model: RepoModel, row: BackupRow, reasons: readonly { ref: Ref }[]): VeleroSchedule[] {
  const taking = new Set(reasons.map((v) => `${v.ref.file}:${v.ref.line}`));
  // (Of the claim's cluster: a shared base's schedule is one copy per cluster, at one line.)
  const cluster = model.pvcs.find((p) => p.id === row.pvcId)?.cluster;
  return veleroSchedules(model).filter((s) => sameCluster(s.cluster, cluster) && veleroCoversNamespace(s, row.namespace) && taking.has(`${s.source.file}:${s.source.line}`));
}

/** ` --namespace storage` where the Velero server runs outside `velero`, else nothing. */
function namespaceFlag(model: RepoModel, s: VeleroSchedule): string {
  const server = veleroServerNamespace(model, s);
  return server && server !== 'velero' ? ` --namespace ${server}` : '';
}

export function veleroBlocks(model: RepoModel, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  // Only the schedules that hold this claim's data (a snapshot or a file-system backup of it): the
  // claim is deleted below, which only a backup holding its data makes good.
  const schedules = schedulesOf(model, row, row.systems.velero.via);
  const blocks: Block[] = [];
  for (const s of schedules) {
    const name = veleroScheduleName(model, s);
    const flag = namespaceFlag(model, s);
    blocks.push(
      { type: 'text', text: ['Backups of schedule ', { code: name }, ' (newest last); pick one:'] },
      {
        type: 'code',
        lang: 'bash',
        code: [
          `velero backup get --selector velero.io/schedule-name=${name}${flag}`,
          `velero restore create --from-backup ${name}-<timestamp> --include-namespaces ${ns}${flag}`,
          `velero restore get${flag}`,
          `velero restore describe <restore-name> --details${flag}`,
        ].join('\n'),
      },
      { type: 'refs', refs: [ref(s.source)] },
    );
  }
  blocks.push({
    type: 'aside',
    variant: 'note',
    title: 'Velero does not overwrite',
    text: ['Velero skips objects that still exist. Delete the claim ', { code: `kubectl -n ${ns} delete pvc ${row.name}` }, ' after scaling down, or restore into another namespace with ', { code: '--namespace-mappings' }, '.'],
  });
  return blocks;
}

/**
 * A claim a Velero schedule takes while the repository does not tell whether it keeps its data (a
 * StorageClass or snapshot class made outside it): how to see what a backup holds, and a restore into
 * another namespace, which deletes nothing. No step deletes the claim: Velero skips a claim that still
 * exists, and deleting one whose data no backup holds loses it.
 */
export function veleroUnknownBlocks(model: RepoModel, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  const blocks: Block[] = [{ type: 'text', text: [`Velero may hold it: ${row.systems.velero.unsure.map((u) => u.detail).join('; ')}.`] }];
  for (const s of schedulesOf(model, row, row.systems.velero.unsure)) {
    const name = veleroScheduleName(model, s);
    const flag = namespaceFlag(model, s);
    blocks.push(
      { type: 'text', text: ['See what a backup of schedule ', { code: name }, ' holds: its data is there only where the details list ', { code: `${ns}/${row.name}` }, ' under CSI snapshots, Velero-native snapshots or pod volume backups.'] },
      {
        type: 'code',
        lang: 'bash',
        code: [
          `velero backup get --selector velero.io/schedule-name=${name}${flag}`,
          `velero backup describe ${name}-<timestamp> --details${flag}`,
          `# restore into another namespace, which leaves ${ns} as it is:`,
          `velero restore create --from-backup ${name}-<timestamp> --include-namespaces ${ns} --namespace-mappings ${ns}:${ns}-restore${flag}`,
        ].join('\n'),
      },
      { type: 'refs', refs: [ref(s.source)] },
    );
  }
  blocks.push({
    type: 'aside',
    variant: 'caution',
    title: 'Do not delete the claim on the strength of this runbook',
    text: ['Velero skips a claim that still exists, and a backup that keeps only the claim\'s object brings it back empty. Leave ', { code: `${ns}/${row.name}` }, ' in place unless the details above show its data in the backup.'],
  });
  return blocks;
}

const isLonghorn = (h: HelmRelease): boolean => !h.disabled && (h.chart.name === 'longhorn' || h.name === 'longhorn');

/** Where Longhorn runs (asked once per backed-up claim: the subset is made once per model). */
function longhornNamespace(model: RepoModel): string {
  const release = subset(model.helmReleases, isLonghorn)[0];
  // Where the chart installs (targetNamespace), not where the HelmRelease object lives (often flux-system).
  return release ? (release.targetNamespace ?? release.namespace ?? 'longhorn-system') : 'longhorn-system';
}

export function longhornBlocks(model: RepoModel, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  const lh = longhornNamespace(model);
  const via = row.systems.longhorn.via;
  return [
    { type: 'text', text: ['Backed up by ', ...via.flatMap((v, i) => [i > 0 ? ', ' : '', { code: v.detail }]), '. Find the Longhorn volume behind the claim and its backups:'] },
    {
      type: 'code',
      lang: 'bash',
      code: [
        `VOLUME=$(kubectl -n ${ns} get pvc ${row.name} -o jsonpath='{.spec.volumeName}')`,
        `kubectl -n ${lh} get backupvolumes.longhorn.io | grep "$VOLUME"`,
        `kubectl -n ${lh} get backups.longhorn.io -l backup-volume="$VOLUME"`,
      ].join('\n'),
    },
    {
      type: 'list',
      ordered: true,
      items: [
        ['Note the backup to restore (', { code: 'Backup' }, ' tab of the Longhorn UI, or the list above).'],
        ['Free the name: ', { code: `kubectl -n ${ns} delete pvc ${row.name}` }, ', then ', { code: `kubectl -n ${lh} delete volumes.longhorn.io "$VOLUME"` }, ' (the data now lives only in the backup).'],
        [{ code: 'Backup' }, ' tab: the volume, ', { code: 'Restore' }, ' on the chosen backup, tick ', { code: 'Use Previous Name' }, '.'],
        ['When the restore is done: ', { code: 'Volume' }, ' tab, the restored volume, ', { code: 'Create PV/PVC' }, ' with ', { code: 'Use Previous PVC' }, ` (namespace ${ns}, claim ${row.name}).`],
      ],
    },
    { type: 'refs', refs: via.map((v) => v.ref) },
  ];
}

/**
 * kopiur (https://github.com/home-operations/kopiur): a SnapshotPolicy snapshots the claim into a
 * repository; the claim names a `Restore` as its `dataSourceRef`, a volume populator. Re-creating
 * the claim restores the latest snapshot into it: only where the claim does name one. A claim whose
 * dataSourceRef names a VolSync ReplicationDestination (the middle of a move from VolSync) is refilled
 * from VolSync's last backup, and one that names nothing comes back empty (outside review: the runbook
 * said "deleting the claim restores the latest snapshot" for such a claim).
 */
export function kopiurBlocks(model: RepoModel, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  const pvc = model.pvcs.find((p) => p.id === row.pvcId);
  const policies = model.backupObjects.filter((b) => b.system === 'kopiur' && b.kind === 'SnapshotPolicy' && !b.disabled && b.sourcePvc === row.name && b.namespace === row.namespace && sameCluster(b.cluster, pvc?.cluster));
  const from = pvc?.populatedFrom;
  const restores = from?.kind === 'Restore' ? model.backupObjects.filter((b) => b.system === 'kopiur' && b.kind === 'Restore' && !b.disabled && b.namespace === row.namespace && b.name === from.name && (b.cluster ?? null) === (pvc?.cluster ?? null)) : [];
  const policy = policies[0];
  const refs = (list: readonly BackupObject[]) => ({ type: 'refs' as const, refs: [...new Map([...list, ...(pvc ? [pvc] : [])].map((b) => [`${b.source.file}:${b.source.line}`, ref(b.source)])).values()] });
  const snapshotsBy: Inline[] = ['kopiur snapshots this claim through SnapshotPolicy ', { code: policy?.name ?? '?' }, ' into repository ', { code: policy?.repository ?? '?' }];
  const snapshots: Block = { type: 'text', text: [...snapshotsBy, '.'] };
  if (from?.kind === 'Restore') {
    return [
      {
        type: 'text',
        text: [
          ...snapshotsBy,
          '. The claim is filled by the Restore in its ', { code: 'dataSourceRef' }, ' (', { code: from.name }, ')',
          ': deleting the claim while the app is scaled down, and letting Flux create it again, restores the latest snapshot.',
        ],
      },
      ...(restores.length === 0
        ? [{ type: 'aside' as const, variant: 'caution' as const, title: 'The Restore is not in the repository', text: ['Nothing in the repository makes Restore ', { code: from.name }, ` in namespace ${ns}: the re-created claim stays Pending until one exists.`] }]
        : []),
      {
        type: 'code',
        lang: 'bash',
        code: [`kubectl -n ${ns} delete pvc ${row.name}`, `# resume the Kustomization (below): Flux re-creates the claim and kopiur populates it`, `kubectl -n ${ns} get restore ${from.name} -w`].join('\n'),
      },
      refs([...policies, ...restores]),
    ];
  }
  // No kopiur Restore fills the claim: deleting it is no restore. Said, with no commands to run.
  const instead = from?.kind === 'ReplicationDestination'
    ? ['Its ', { code: 'dataSourceRef' }, ' names VolSync ReplicationDestination ', { code: from.name }, ', not a kopiur Restore: a claim deleted and created again is filled from VolSync\'s last backup, not from kopiur\'s snapshots.']
    : ['It names no kopiur Restore in its ', { code: 'dataSourceRef' }, ': a claim deleted and created again comes back empty.'];
  return [
    snapshots,
    {
      type: 'aside',
      variant: 'caution',
      title: 'Do not delete the claim to restore it',
      text: [...instead, ' Restore from kopiur into this claim as kopiur\'s documentation says (a Restore the claim names in its ', { code: 'dataSourceRef' }, ', which takes effect only for a claim created after it).'],
    },
    refs(policies),
  ];
}
