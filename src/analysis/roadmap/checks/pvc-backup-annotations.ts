import type { Pvc } from '../../../model/storage.ts';
import { namesClaim } from '../../health/backup.ts';
import { deployedIn, setApartNote } from '../deployed.ts';
import { appsByPaths, appsNamed } from './mentions.ts';
import { itemSource, outcome, type NamedCheck, type Shortfall } from './types.ts';

/**
 * M-5.1: every PVC of the apps the item names (`productivity/paperless`) carries a backup signal
 * (k8up/Velero/Longhorn annotation or label) or is the source of a VolSync ReplicationSource.
 * Without named apps, the PVCs in the files the item names (`Files to Update: .../pvc.yaml`),
 * else those of the apps whose folders the item's paths point into, else every PVC is measured
 * (an item that lists one PVC to fix is not marked half-done by PVCs that were always backed up).
 * A named app with no PVC is noted, not counted; so are claims Flux does not apply (an app switched
 * off, a claim no build uses): nothing of them is in the cluster to back up.
 */
export const pvcBackupAnnotations: NamedCheck = {
  name: 'pvc-backup-annotations',
  aliases: ['pvc-backup-coverage'],
  description: 'PVCs of the apps named in the item that carry a backup annotation or have a VolSync source.',
  topic: /backup|pvc|volume/i,
  seedIds: ['M-5.1'],
  run({ item, model, repo }) {
    // Named against every app of the repository, so that a switched-off one is not called absent.
    const named = appsNamed(item, repo);
    const pairs = named.apps.filter((m) => item.body.includes(`${m.value.namespace}/${m.value.name}`));
    const notes: string[] = [];
    const shortfalls: Shortfall[] = [];
    let pvcs: Pvc[];
    let considered: readonly Pvc[] = repo.pvcs;
    if (pairs.length > 0) {
      const ids = new Set(pairs.map((m) => m.value.id));
      pvcs = model.pvcs.filter((p) => p.appId !== null && ids.has(p.appId));
      considered = repo.pvcs.filter((p) => p.appId !== null && ids.has(p.appId));
      const deployed = deployedIn(repo);
      for (const m of pairs) {
        if (model !== repo && !deployed.app(m.value)) notes.push(`${m.value.id} is in the repository but Flux does not deploy it: not counted.`);
        else if (!pvcs.some((p) => p.appId === m.value.id)) notes.push(`${m.value.id} has no PVC in the repository.`);
      }
      for (const u of named.unknown.filter((u) => u.value.includes('/'))) {
        shortfalls.push({ message: `${u.value} is named in the item but is not an app in the repository.`, source: itemSource(item, u.line) });
      }
    } else {
      // The scope is chosen over every claim of the repository (a named file whose claim Flux does not
      // apply is still the item's scope, not a reason to measure every PVC); the deployed ones are counted.
      const paths = new Set([...item.filesToUpdate, ...item.filesToCreate, ...item.files].map((p) => p.path));
      const byApp = new Set(appsByPaths(item, repo).map((m) => m.value.id));
      const inFiles = (p: Pvc) => paths.has(p.source.file);
      const inApps = (p: Pvc) => p.appId !== null && byApp.has(p.appId);
      const scope = repo.pvcs.some(inFiles) ? inFiles : repo.pvcs.some(inApps) ? inApps : null;
      if (scope === null) notes.push('The item names no app and no PVC file: every PVC is measured.');
      pvcs = scope === null ? [...model.pvcs] : model.pvcs.filter(scope);
      considered = scope === null ? repo.pvcs : repo.pvcs.filter(scope);
    }
    pvcs = pvcs.filter((p) => !p.disabled);
    const apart = model === repo ? null : setApartNote(considered, repo);
    if (apart) notes.push(apart);
    // (By the claim's real name: a CloudNativePG Cluster's claims are `<cluster>-<n>`, backup.ts namesClaim.)
    const volsync = model.backupObjects.filter((b) => !b.disabled && b.sourcePvc);
    let done = 0;
    for (const pvc of pvcs) {
      const signals = model.backupSignals[pvc.id] ?? [];
      // An operator's volume (a CloudNativePG Cluster's) is backed up by the operator, not by an annotation.
      if (signals.length > 0 || volsync.some((b) => (b.namespace ?? '') === (pvc.namespace ?? '') && namesClaim(b.sourcePvc, pvc)) || pvc.operator?.backup) done++;
      else shortfalls.push({ objectId: pvc.id, message: `PVC ${pvc.namespace ?? '?'}/${pvc.name} has no backup annotation.`, source: pvc.source });
    }
    const unknownCount = shortfalls.length - (pvcs.length - done);
    return outcome(done, pvcs.length + unknownCount, shortfalls, notes);
  },
};
