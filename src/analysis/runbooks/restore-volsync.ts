/**
 * VolSync's restore steps for one claim: a ReplicationDestination that restores from the repository
 * of the claim's ReplicationSource straight into the existing claim, with the source's mover and the
 * settings it needs to reach the repository, and what the repository's own destinations are for.
 * https://volsync.readthedocs.io/en/stable/usage/restic/, https://volsync.readthedocs.io/en/stable/usage/kopia/
 */
import { stringify } from 'yaml';
import type { BackupObject } from '../../model/storage.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { BackupRow } from '../health/backup.ts';
import { sameCluster } from '../health/common.ts';
import { typedAs, VOLSYNC_MOVER_SETTINGS } from './api-types.ts';
import type { Block, Inline, Ref } from './types.ts';

const ref = (s: { file: string; line: number }): Ref => ({ file: s.file, line: s.line });
const dns = (s: string): string => s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'restore';

export function volsyncBlocks(model: RepoModel, row: BackupRow): Block[] {
  const ns = row.namespace ?? 'default';
  // (The claim's own cluster's: another cluster's copy may back up to another repository.)
  const cluster = model.pvcs.find((p) => p.id === row.pvcId)?.cluster;
  const sources: BackupObject[] = model.backupObjects.filter(
    (b) => b.system === 'volsync' && b.kind === 'ReplicationSource' && !b.disabled && b.sourcePvc === row.name && b.namespace === row.namespace && sameCluster(b.cluster, cluster),
  );
  const existing = claimDestinations(model, row, sources);
  const src = sources[0];
  const name = dns(`${row.name}-restore`);
  const settings = typedAs(src?.mover?.settings ?? {}, VOLSYNC_MOVER_SETTINGS) as Record<string, unknown>;
  const type = src?.mover?.type ?? 'restic';
  const deletion = fileDeletion(existing, type);
  const manifest = {
    apiVersion: 'volsync.backube/v1alpha1',
    kind: 'ReplicationDestination',
    metadata: { name, namespace: ns },
    spec: {
      trigger: { manual: 'restore-once' },
      // The source's mover (restic or kopia), with what it needs to reach the repository (moverVolumes,
      // moverSecurityContext, cache ...): without them the mover cannot read where the backups are.
      [type]: {
        repository: src?.repository ?? '<restic repository secret of the ReplicationSource>',
        destinationPVC: row.name,
        copyMethod: 'Direct',
        ...(deletion ? { enableFileDeletion: deletion.value } : {}),
        // (In their API types: `runAsUser: ${PUID:-1000}` is the number Flux applies, not the string the model holds.)
        ...settings,
        ...(src ? kopiaIdentity(src, settings) : {}),
      },
    },
  };
  const blocks: Block[] = [
    {
      type: 'text',
      text: [`Restore from the ${src?.mover?.type ?? 'restic'} repository of ReplicationSource `, { code: src?.name ?? '?' }, ' (secret ', { code: src?.repository ?? '?' }, ') straight into the existing claim:'],
    },
    { type: 'code', lang: 'yaml', code: stringify(manifest, { lineWidth: 0 }).trimEnd(), caption: 'restore.yaml' },
    {
      type: 'text',
      text: deletion
        ? [{ code: `enableFileDeletion: ${deletion.value}` }, ', as the repository\'s ReplicationDestination ', { code: deletion.from }, ' sets it: ', deletion.value ? 'files of the claim that the snapshot does not hold are deleted, so the claim holds exactly the snapshot.' : 'files of the claim that the snapshot does not hold are kept.']
        : ['Files of the claim that the snapshot does not hold are kept (VolSync\'s default); add ', { code: 'enableFileDeletion: true' }, ' to make the claim exactly the snapshot.'],
    },
    {
      type: 'code',
      lang: 'bash',
      code: [
        'kubectl apply -f restore.yaml',
        `kubectl -n ${ns} wait replicationdestination/${name} --for=jsonpath='{.status.lastManualSync}'=restore-once --timeout=60m`,
        `kubectl -n ${ns} delete replicationdestination ${name}`,
      ].join('\n'),
    },
  ];
  for (const e of existing) blocks.push(...existingBlocks(e, row.name, ns));
  const refs = new Map([...sources, ...existing.map((e) => e.object)].map((b) => [`${b.source.file}:${b.source.line}`, ref(b.source)]));
  blocks.push({ type: 'refs', refs: [...refs.values()] });
  return blocks;
}

/**
 * The restore option a Direct restore into the live claim carries over from the repository's own
 * destinations of the claim (of the same mover): `enableFileDeletion`. Left out, files the snapshot
 * does not hold stay beside the restored ones (outside review: the repository's destination set it,
 * the generated manifest dropped it). Not `previous` or `restoreAsOf`: they pick a snapshot for one
 * occasion, not for this restore. The destination that fills the claim speaks first, then one that
 * writes into it, then one of its repository.
 */
function fileDeletion(existing: readonly Existing[], mover: string): { value: boolean; from: string } | null {
  const rank = (e: Existing) => (e.fills ? 0 : e.object.destination?.pvc ? 1 : 2);
  const first = existing
    .filter((e) => e.object.destination?.mover === mover && e.object.destination.enableFileDeletion !== undefined)
    .sort((a, b) => rank(a) - rank(b))[0];
  return first ? { value: first.object.destination!.enableFileDeletion!, from: first.object.name } : null;
}

/**
 * Whose snapshots a kopia destination restores: kopia keeps a repository's snapshots under a
 * `username@hostname` identity, which VolSync derives from the object's own name and namespace, so
 * `<claim>-restore` finds none of the source's (outside review). `sourceIdentity` names the
 * ReplicationSource instead, as the repositories' own kopia destinations do; not where the copied
 * settings already set the identity (`username`, `hostname`). restic has no identity: none for it.
 * https://volsync.readthedocs.io/en/stable/usage/kopia/
 */
function kopiaIdentity(src: BackupObject, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (src.mover?.type !== 'kopia' || ['sourceIdentity', 'username', 'hostname'].some((k) => Object.hasOwn(settings, k))) return {};
  return { sourceIdentity: { sourceName: src.name, sourceNamespace: src.namespace ?? 'default' } };
}

/**
 * The ReplicationDestinations of the repository that are meant for this claim: the one its
 * `dataSourceRef` names, one whose `destinationPVC` is the claim, one reading the repository Secret
 * of the claim's ReplicationSource. Not every destination of the namespace (outside review: the note
 * named the 13 `<app>-dst` of a namespace on every app's runbook). One per name, in model order.
 */
function claimDestinations(model: RepoModel, row: BackupRow, sources: readonly BackupObject[]): Existing[] {
  const pvc = model.pvcs.find((p) => p.id === row.pvcId);
  const fills = pvc?.populatedFrom?.kind === 'ReplicationDestination' ? pvc.populatedFrom.name : null;
  const secrets = new Set(sources.flatMap((s) => (s.repository ? [s.repository] : [])));
  const out = new Map<string, Existing>();
  for (const b of model.backupObjects) {
    if (b.system !== 'volsync' || b.kind !== 'ReplicationDestination' || b.disabled || b.namespace !== row.namespace || !sameCluster(b.cluster, pvc?.cluster)) continue;
    const why = b.name === fills ? 'the claim\'s dataSourceRef names it'
      : (b.destination?.pvc ?? b.sourcePvc) === row.name ? 'its destinationPVC is the claim'
      : b.repository && secrets.has(b.repository) ? `it reads repository Secret ${b.repository}, as the ReplicationSource does`
      : null;
    if (why && !out.has(b.name)) out.set(b.name, { object: b, why, fills: b.name === fills });
  }
  return [...out.values()];
}

/** A ReplicationDestination of the repository meant for the claim; `fills`: the claim's dataSourceRef names it. */
interface Existing {
  object: BackupObject;
  why: string;
  fills: boolean;
}

/**
 * What an existing destination is for. One with a `destinationPVC` writes into the claim at each run:
 * a new `spec.trigger.manual` value runs it again. One without writes no claim: each run makes a new
 * image (`status.latestImage`), which fills the claim only when the claim is created with it as its
 * `dataSourceRef` (a volume populator); running it again leaves the live claim as it is (outside
 * review: the note said to change the trigger). Where it carries `kustomize.toolkit.fluxcd.io/ssa:
 * IfNotPresent`, Flux creates it and never applies an edit from Git: the trigger is changed with kubectl.
 * https://volsync.readthedocs.io/en/stable/usage/volume-populator/, https://fluxcd.io/flux/components/kustomize/kustomizations/#controlling-the-apply-behavior-of-resources
 */
function existingBlocks(e: Existing, claim: string, ns: string): Block[] {
  const name = e.object.name;
  const ssa = ifNotPresent(e.object);
  const title = `ReplicationDestination ${name} is in the repository`;
  const trigger = [
    `T=restore-$(date +%s)`,
    `kubectl -n ${ns} patch replicationdestination ${name} --type merge -p "{\\"spec\\":{\\"trigger\\":{\\"manual\\":\\"$T\\"}}}"`,
    `kubectl -n ${ns} wait replicationdestination/${name} --for=jsonpath='{.status.lastManualSync}'=$T --timeout=60m`,
  ];
  const viaKubectl: Inline[] = ssa
    ? ['; change it with kubectl, not in Git: it carries ', { code: 'kustomize.toolkit.fluxcd.io/ssa: IfNotPresent' }, ', so Flux never applies an edit of it']
    : [];
  if (e.object.destination?.pvc) {
    return [
      { type: 'aside', variant: 'note', title, text: ['The repository defines ', { code: name }, ` (${e.why}) for this claim; it may be meant for this restore: a new `, { code: 'spec.trigger.manual' }, ' value runs it again', ...viaKubectl, '.'] },
      ...(ssa ? [{ type: 'code' as const, lang: 'bash' as const, code: trigger.join('\n') }] : []),
    ];
  }
  if (!e.fills) {
    return [{
      type: 'aside', variant: 'note', title,
      text: ['The repository defines ', { code: name }, ` (${e.why}). It has no `, { code: 'destinationPVC' }, ': a run writes no claim, only a new image (', { code: 'status.latestImage' }, ') that fills a claim created with it as its ', { code: 'dataSourceRef' }, `; ${claim} does not name it. Running it again leaves the claim as it is: restore with the manifest above.`],
    }];
  }
  // Trigger first, delete after: the run restores into a volume of its own while the claim keeps its
  // data, and only an image made by this run is worth the claim (outside review: the claim was deleted
  // first; a failed mover then left nothing, its volume gone with it under reclaimPolicy Delete).
  const image = `kubectl -n ${ns} get replicationdestination ${name} -o jsonpath='{.status.latestImage.name}'`;
  return [
    {
      type: 'aside', variant: 'note', title,
      text: [
        'The claim\'s ', { code: 'dataSourceRef' }, ' names ', { code: name }, ', which has no ', { code: 'destinationPVC' }, ': it fills the claim only when the claim is created, from its latest image; running it again leaves the live claim as it is.',
        ' To restore through it instead of the manifest above, with the app scaled down (step 2): trigger the destination and wait until it has made a new image (', { code: 'status.latestImage' }, '); it restores into a volume of its own, so the claim keeps its data while it runs.',
        ' Only then delete the claim, and resume (step 4): Flux creates the claim again and VolSync fills it from that image.',
        ' Deleting the claim first loses its data if the run fails: with the usual reclaim policy (', { code: 'Delete' }, '), its volume goes with it.',
        ...(ssa ? [' Trigger it with kubectl, not in Git: it carries ', { code: 'kustomize.toolkit.fluxcd.io/ssa: IfNotPresent' }, ', so Flux never applies an edit of it.'] : []),
      ],
    },
    {
      type: 'code',
      lang: 'bash',
      code: [
        `OLD=$(${image})`,
        ...trigger,
        `NEW=$(${image}); echo "latestImage: $OLD -> $NEW"`,
        '# only a new image is this run\'s: delete the claim then, not before',
        `[ -n "$NEW" ] && [ "$NEW" != "$OLD" ] && kubectl -n ${ns} delete pvc ${claim}`,
        '# resume (step 4): Flux creates the claim again, filled from that image',
      ].join('\n'),
    },
  ];
}

/** Flux's `kustomize.toolkit.fluxcd.io/ssa: IfNotPresent` (label or annotation): created once, never updated from Git. */
function ifNotPresent(b: BackupObject): boolean {
  const v = b.labels['kustomize.toolkit.fluxcd.io/ssa'] ?? b.annotations['kustomize.toolkit.fluxcd.io/ssa'];
  return v?.toLowerCase() === 'ifnotpresent';
}
