/**
 * "Restore an app's data": one runbook per app with persistent storage. For each volume it names
 * the backup system that actually copies it (the backup matrix of src/analysis/health/backup.ts)
 * and the exact commands, wrapped in the order that keeps Flux from undoing the restore: suspend
 * the app's Kustomizations, then its HelmReleases, scale down (and suspend the CronJobs that mount
 * the volumes), restore, then all of it in reverse.
 * A volume nothing backs up gets a caution aside at the top: at 2 a.m. that is the first thing to know
 * (restore-cautions.ts). A claim is deleted for a restore only where a backup holds its data; one whose
 * backup the repository does not tell gets steps that check the backup and delete nothing.
 */
import type { App } from '../../model/app.ts';
import { appIdOf, groupBy } from '../../model/group-by.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import { backupMatrix, type BackupRow } from '../health/backup.ts';
import { BACKUP_SYSTEMS, type BackupSystem } from '../health/backup-systems.ts';
import { appWorkloads, isRootApp, resumeCommands, scaleCommands, suspendCommands } from './app-workloads.ts';
import { claimMounts, cronJobSuspendCommands, type ClaimMounts } from './claim-mounts.ts';
import { appScaledObjects, pauseCommands, unpauseCommands } from './keda.ts';
import { restorePath } from './paths.ts';
import { k8upBlocks, kopiurBlocks, longhornBlocks, veleroBlocks, veleroUnknownBlocks } from './restore-systems.ts';
import { volsyncBlocks } from './restore-volsync.ts';
import { volumeCautions } from './restore-cautions.ts';
import type { Block, Inline, Runbook, RunbookInput, Section } from './types.ts';

/** The order systems are offered in: the ones that restore a single claim in place first. */
const PREFERENCE: readonly BackupSystem[] = ['volsync', 'kopiur', 'k8up', 'longhorn', 'velero'];
const SYSTEM_TITLE: Record<BackupSystem, string> = { k8up: 'k8up', velero: 'Velero', longhorn: 'Longhorn', volsync: 'VolSync', kopiur: 'kopiur' };

export function restoreRunbooks(input: RunbookInput): Runbook[] {
  const { model } = input;
  const rows = backupMatrix(model).result.rows;
  const byApp = new Map<string, BackupRow[]>();
  // An operator's volumes (a CloudNativePG Cluster's) are restored through the operator (a new
  // Cluster bootstrapped from its backup), which these steps do not cover: no runbook of them.
  // Claims whose data does not live in the cluster (a network share, an object store: `notApplicable`)
  // are restored where the data lives, not by these steps.
  for (const r of rows) if (r.appId && r.origin !== 'operator' && !r.notApplicable) byApp.set(r.appId, [...(byApp.get(r.appId) ?? []), r]);
  const out: Runbook[] = [];
  for (const app of model.apps) {
    const volumes = byApp.get(app.id);
    // Not of a cluster's root app: its steps would suspend the whole cluster and scale what the root
    // applies (Flux's own controllers among them); nor of an app not deployed.
    if (!volumes || volumes.length === 0 || app.disabled || app.notDeployed || isRootApp(model, app)) continue;
    out.push(restoreRunbook(input, app, volumes));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * One row per claim (namespace and name): a PVC counted twice (a manifest and a Helm values claim of
 * the same name, or one file reached by two Kustomizations) must not give two warnings or two restore
 * steps. The copy backed up by the most systems stands for the claim; every copy's file is kept.
 */
function uniqueVolumes(volumes: readonly BackupRow[]): { volumes: BackupRow[]; refs: BackupRow['ref'][] } {
  const byClaim = new Map<string, BackupRow>();
  const refs = new Map<string, BackupRow['ref']>();
  for (const v of volumes) {
    const key = `${v.namespace ?? ''}/${v.name}`;
    const seen = byClaim.get(key);
    if (!seen || v.coveredBy.length > seen.coveredBy.length) byClaim.set(key, v);
    refs.set(`${v.ref.file}:${v.ref.line}`, v.ref);
  }
  return { volumes: [...byClaim.values()], refs: [...refs.values()] };
}

export function restoreRunbook(input: RunbookInput, app: App, rows: BackupRow[]): Runbook {
  const { model } = input;
  const { volumes, refs } = uniqueVolumes(rows);
  const w = appWorkloads(model, app);
  const uncovered = volumes.filter((v) => v.coveredBy.length === 0 && v.unknown === null);
  const unknown = volumes.filter((v) => v.coveredBy.length === 0 && v.unknown !== null);
  const sections: Section[] = [];

  const overview: Block[] = [];
  overview.push(...volumeCautions(input.model, app, volumes));
  overview.push({
    type: 'table',
    head: ['Volume', 'Size', 'Storage class', 'Backed up by'],
    rows: volumes.map((v) => [
      [{ code: v.name }],
      [v.size ?? '–'],
      [v.storageClass ?? '–'],
      v.coveredBy.length > 0
        ? v.coveredBy.flatMap((s, i) => [i > 0 ? '; ' : '', `${SYSTEM_TITLE[s]} (${v.systems[s].via.map((x) => x.detail).join(', ')})`])
        : v.unknown !== null
          ? ['not known: ', ...BACKUP_SYSTEMS.filter((s) => v.systems[s].unsure.length > 0).flatMap((s, i) => [i > 0 ? '; ' : '', `${SYSTEM_TITLE[s]} may (${v.systems[s].unsure.map((x) => x.detail).join(', ')})`])]
          : ['nothing'],
    ]),
  });
  overview.push({ type: 'refs', refs });
  sections.push({ slug: 'volumes', heading: 'Volumes', blocks: overview });

  const suspend = suspendCommands(w);
  sections.push({
    slug: 'suspend',
    heading: '1. Stop Flux from undoing the restore',
    blocks: suspend.length
      ? [
          { type: 'text', text: ['Suspend the Kustomization(s) first, then the HelmRelease(s): a reconciling Kustomization would re-apply the HelmRelease and scale the app back up.'] },
          { type: 'code', lang: 'bash', code: suspend.join('\n') },
          { type: 'refs', refs: [...w.kustomizations, ...w.helmReleases].map((o) => ({ file: o.source.file, line: o.source.line })) },
        ]
      : [{ type: 'text', text: ['No Flux Kustomization or HelmRelease deploys this app; nothing to suspend.'] }],
  });
  const scaled = appScaledObjects(model, app, w);
  const clusterOf = new Map(model.pvcs.map((p) => [p.id, p.cluster ?? null]));
  const mounted = claimMounts(model, w, volumes.map((v) => ({ name: v.name, namespace: v.namespace, cluster: clusterOf.get(v.pvcId) ?? null })));
  // The app-name label is a guess for an app whose pods the repository does not show; where its pods
  // come only from CronJobs, Jobs or DaemonSets, it matches nothing and is left out.
  const scales = w.helmReleases.length > 0 || w.workloads.length > 0 || !runsOwnPods(model, app);
  sections.push({
    slug: 'scale-down',
    heading: scales ? '2. Scale the app down' : '2. Stop what mounts the volumes',
    blocks: [
      // Before the scale-down: a running ScaledObject scales the workload back up.
      ...(scaled.length > 0
        ? [
            { type: 'text' as const, text: [`KEDA scales this app: pause ScaledObject${scaled.length > 1 ? 's' : ''} `, ...scaled.flatMap((o, i) => [i > 0 ? ', ' : '', { code: o.name }]), ' first, or KEDA scales the workloads back up during the restore.'] },
            { type: 'code' as const, lang: 'bash' as const, code: pauseCommands(scaled, w.namespace).join('\n') },
            { type: 'refs' as const, refs: [...new Map(scaled.map((o) => [`${o.source.file}:${o.source.line}`, { file: o.source.file, line: o.source.line }])).values()] },
          ]
        : []),
      ...(scales
        ? [
            { type: 'text' as const, text: ['Scale the app\'s Deployments and StatefulSets to zero, so the restore writes to a volume nobody uses:'] },
            { type: 'code' as const, lang: 'bash' as const, code: scaleCommands(w, app, 0).join('\n') },
          ]
        : []),
      ...mountsBlocks(mounted, w.namespace),
      { type: 'text', text: [mounted.others.length > 0 ? 'Then check which pods are left on the volumes:' : 'Then check that no pod is left on the volumes (the repository may not show every one: a chart\'s own CronJob, say):'] },
      { type: 'code', lang: 'bash', code: `kubectl -n ${w.namespace} get pods` },
    ],
  });

  const covered = volumes.filter((v) => v.coveredBy.length > 0);
  const restoreBlocks: Block[] = covered.length === 0 && unknown.length === 0
    ? // The caution at the top already says so, loudly; a second box would repeat it.
      [{ type: 'text', text: ['Nothing to restore from: no volume of this app is backed up (see Volumes above). Resume the app (step 4) and add a backup.'] }]
    : [];
  if (restoreBlocks.length) sections.push({ slug: 'restore', heading: '3. Restore the data', blocks: restoreBlocks });
  for (const v of covered) {
    const systems = PREFERENCE.filter((s) => v.coveredBy.includes(s));
    const lead: Inline[] = systems.length > 1
      ? [`Covered by ${systems.length} systems; one restore is enough. ${SYSTEM_TITLE[systems[0]!]} is listed first because it restores a single claim in place.`]
      : [];
    sections.push({
      slug: `restore-${v.name}`,
      heading: `3. Restore ${v.name}`,
      blocks: [
        ...(lead.length ? [{ type: 'text' as const, text: lead }] : []),
        ...systems.flatMap((s): Block[] => [{ type: 'text', text: [`With ${SYSTEM_TITLE[s]}:`] }, ...systemBlocks(input, v, s)]),
      ],
    });
  }

  // A claim a backup may hold: how to tell, and a restore that deletes nothing.
  for (const v of unknown) {
    const systems = BACKUP_SYSTEMS.filter((s) => v.systems[s].unsure.length > 0);
    sections.push({
      slug: `restore-${v.name}`,
      heading: `3. Restore ${v.name}, if a backup holds it`,
      blocks: systems.flatMap((s): Block[] => (s === 'velero' ? veleroUnknownBlocks(model, v) : [{ type: 'text', text: [`${SYSTEM_TITLE[s]} may hold it: ${v.systems[s].unsure.map((x) => x.detail).join('; ')}.`] }])),
    });
  }

  const resume = resumeCommands(w);
  sections.push({
    slug: 'resume',
    heading: '4. Resume, in reverse order',
    blocks: [
      {
        type: 'code',
        lang: 'bash',
        code: [
          // Before Flux resumes: it re-applies a `spec.suspend` its manifest sets, and leaves one it does not (kubectl's patch) as it is.
          ...cronJobSuspendCommands(mounted.cronJobs, w.namespace, false).map((c, i) => (i === 0 ? `# the CronJobs run again (Flux then puts back a suspend their manifests set):\n${c}` : c)),
          ...resume,
          ...unpauseCommands(scaled, w.namespace).map((c, i) => (i === 0 ? `# KEDA scales the app again:\n${c}` : c)),
          ...(scales ? scaleCommands(w, app, 1) : []).map((c) => `# only if ${scaled.length > 0 ? 'KEDA and ' : ''}Flux did not bring the pods back:\n${c}`),
        ].join('\n'),
      },
      {
        type: 'code',
        lang: 'bash',
        code: [...w.kustomizations.map((k) => `flux get kustomization ${k.name} -n ${k.namespace ?? 'flux-system'}`), `kubectl -n ${w.namespace} get pods,pvc`].join('\n'),
        caption: 'Check',
      },
    ],
  });

  return {
    id: `restore:${app.id}`,
    kind: 'restore',
    title: `Restore ${app.name}`,
    summary: uncovered.length || unknown.length
      ? `${volumes.length} volume(s)${uncovered.length ? `; ${uncovered.length} without any backup (${uncovered.map((v) => v.name).join(', ')})` : ''}${unknown.length ? `; ${unknown.length} whose backup is not known (${unknown.map((v) => v.name).join(', ')})` : ''}.`
      : `${volumes.length} volume(s), backed up by ${[...new Set(volumes.flatMap((v) => v.coveredBy))].map((s) => SYSTEM_TITLE[s]).join(', ')}.`,
    path: restorePath(app),
    appId: app.id,
    alarm: uncovered.length > 0 || unknown.length > 0,
    sections,
  };
}

/** Whether the app's own manifests run pods (any workload kind): then its Deployments and StatefulSets are all known. */
function runsOwnPods(model: RunbookInput['model'], app: App): boolean {
  return (groupBy(model.objects, appIdOf).get(app.id) ?? []).some((o) => !o.disabled && isWorkload(o));
}

/**
 * The CronJobs that mount the volumes, suspended (a run would start a pod on them mid-restore); the Jobs
 * already started, waited for or deleted (a running one keeps its claim from being deleted); and the
 * workloads of another app that mount them, named. Nothing where no such workload is in the repository.
 */
function mountsBlocks(m: ClaimMounts, namespace: string): Block[] {
  const names = (list: readonly { kind: string; name: string }[]): Inline[] => list.flatMap((o, i) => [i > 0 ? ', ' : '', `${o.kind} `, { code: o.name }]);
  const ref = (list: readonly { source: { file: string; line: number } }[]): Block => ({ type: 'refs', refs: [...new Map(list.map((o) => [`${o.source.file}:${o.source.line}`, { file: o.source.file, line: o.source.line }])).values()] });
  const blocks: Block[] = [];
  if (m.cronJobs.length > 0) {
    blocks.push(
      { type: 'text', text: ['Suspend ', ...names(m.cronJobs), ': ', m.cronJobs.length > 1 ? 'they mount' : 'it mounts', ` the volumes, so a run during the restore would start a pod on them. Step 4 lets ${m.cronJobs.length > 1 ? 'them' : 'it'} run again.`] },
      { type: 'code', lang: 'bash', code: cronJobSuspendCommands(m.cronJobs, namespace, true).join('\n') },
    );
  }
  const jobs = [...m.cronJobs, ...m.runs];
  if (jobs.length > 0) {
    blocks.push(
      {
        type: 'text',
        text: [
          m.cronJobs.length > 0 ? 'A Job already started keeps running' : '',
          m.cronJobs.length > 0 && m.runs.length > 0 ? ', and ' : '',
          ...(m.runs.length > 0 ? [...names(m.runs), ` mount${m.runs.length > 1 ? '' : 's'} the volumes too (a Job runs when it is applied)`] : []),
          ': a running pod writes to the volumes and keeps a claim from being deleted. Wait until no Job is active (ACTIVE empty), or delete it:',
        ],
      },
      {
        type: 'code',
        lang: 'bash',
        code: [...new Set(jobs.map((o) => o.namespace ?? namespace))].flatMap((ns) => [
          `kubectl -n ${ns} get jobs -o custom-columns=JOB:.metadata.name,OWNER:.metadata.ownerReferences[0].name,ACTIVE:.status.active`,
          `kubectl -n ${ns} wait --for=condition=complete job/<job> --timeout=60m   # or: kubectl -n ${ns} delete job <job>`,
        ]).join('\n'),
      },
      ref(jobs),
    );
  }
  if (m.others.length > 0) {
    blocks.push({
      type: 'aside',
      variant: 'caution',
      title: 'Another workload mounts the volumes',
      text: [...names(m.others), ` mount${m.others.length > 1 ? '' : 's'} them too and ${m.others.length > 1 ? 'are' : 'is'} not stopped by these steps: stop ${m.others.length > 1 ? 'them' : 'it'} as well (and ${m.others.length > 1 ? 'their' : 'its'} Flux objects), or the restore writes under a running pod.`],
    }, ref(m.others));
  }
  return blocks;
}

function systemBlocks(input: RunbookInput, v: BackupRow, s: BackupSystem): Block[] {
  switch (s) {
    case 'k8up':
      return k8upBlocks(input.model, input.docs, v);
    case 'velero':
      return veleroBlocks(input.model, v);
    case 'longhorn':
      return longhornBlocks(input.model, v);
    case 'volsync':
      return volsyncBlocks(input.model, v);
    case 'kopiur':
      return kopiurBlocks(input.model, v);
  }
}

