import type { RepoModel } from '../../model/repo-model.ts';
import type { App } from '../../model/app.ts';
import type { Pvc } from '../../model/storage.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';

type Storage = AppFacts['storage'];
type Backup = AppFacts['backup'];

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });

/** A signal that explicitly opts a volume out (`k8up.io/backup: "false"`) covers nothing. */
const optsOut = (detail: string): boolean => /(=|:)\s*"?false"?\s*$/i.test(detail);

/**
 * Volumes and what backs them up. A PVC is covered by a backup annotation/label on it, a backup
 * object that names it (VolSync ReplicationSource sourcePVC), or a k8up Schedule in its namespace
 * (k8up backs up every PVC of the namespace unless the PVC opts out). "missing" is stated plainly
 * where storage exists and nothing covers any of it.
 */
export function storageAndBackup(model: RepoModel, index: FactsIndex, app: App): { storage: Storage; backup: Backup } {
  const pvcs: Pvc[] = (index.byApp(model.pvcs).get(app.id) ?? []).filter((p) => !p.disabled);
  const appObjects = index.byApp(model.backupObjects).get(app.id) ?? [];
  const k8upSchedules = model.backupObjects.filter(
    (b) => b.system === 'k8up' && b.kind === 'Schedule' && !b.disabled && b.namespace === app.namespace,
  );
  const storage: Storage = pvcs.map((p) => {
    const signals = model.backupSignals[p.id] ?? [];
    const backups: Storage[number]['backups'] = [];
    for (const s of signals) if (!optsOut(s.detail)) backups.push({ system: s.system, detail: s.detail, ref: ref(s.source) });
    const optedOut = signals.some((s) => optsOut(s.detail));
    for (const b of model.backupObjects) {
      if (b.disabled || b.sourcePvc !== p.name || (b.namespace ?? null) !== (p.namespace ?? null)) continue;
      backups.push({ system: b.system, detail: `${b.kind} ${b.name}`, ref: ref(b.source) });
    }
    if (!optedOut) {
      for (const s of k8upSchedules) backups.push({ system: 'k8up', detail: `Schedule ${s.name} (namespace-wide)`, ref: ref(s.source) });
    }
    return {
      name: p.name,
      size: p.size,
      storageClass: p.storageClass,
      accessModes: p.accessModes,
      origin: p.origin,
      existingClaimOf: p.existingClaimOf,
      backups,
      ref: ref(p.source),
    };
  });
  const uncovered = storage.filter((v) => v.backups.length === 0).map((v) => v.name);
  const status: Backup['status'] =
    storage.length === 0 ? 'none' : uncovered.length === 0 ? 'covered' : uncovered.length === storage.length ? 'missing' : 'partial';
  const objects = appObjects
    .filter((b) => !b.disabled)
    .map((b) => ({ kind: b.kind, name: b.name, system: b.system, schedule: b.schedule, ref: ref(b.source) }));
  return { storage, backup: { status, objects, uncovered } };
}
