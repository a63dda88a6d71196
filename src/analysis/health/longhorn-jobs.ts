/**
 * What a Longhorn RecurringJob does, by its `spec.task`. Longhorn's tasks are snapshot,
 * snapshot-force-create, snapshot-cleanup, snapshot-delete, backup, backup-force-create,
 * filesystem-trim and system-backup
 * (https://longhorn.io/docs/latest/snapshots-and-backups/scheduling-backups-and-snapshots/).
 * Only the backup tasks copy a volume to the backup target; a snapshot stays on the volume's own
 * replicas and is lost with them; cleanup, delete and trim are upkeep. A system backup writes
 * Longhorn's own resources to the backup target (and volumes, as its volume-backup-policy says).
 */
export type LonghornJobRole = 'backup' | 'system-backup' | 'local-snapshot' | 'maintenance' | 'unknown';

/** The tasks whose job backs a volume up: what the backup matrix counts as coverage. */
export const LONGHORN_BACKUP_TASKS: ReadonlySet<string> = new Set(['backup', 'backup-force-create']);
const SNAPSHOT_TASKS: ReadonlySet<string> = new Set(['snapshot', 'snapshot-force-create']);
const MAINTENANCE_TASKS: ReadonlySet<string> = new Set(['filesystem-trim', 'snapshot-cleanup', 'snapshot-delete']);

/** The role of a job with this task; 'unknown' for none, a variable still to fill in, or a task Longhorn does not have. */
export function longhornJobRole(task: string | null): LonghornJobRole {
  if (task === null) return 'unknown';
  if (LONGHORN_BACKUP_TASKS.has(task)) return 'backup';
  if (task === 'system-backup') return 'system-backup';
  if (SNAPSHOT_TASKS.has(task)) return 'local-snapshot';
  if (MAINTENANCE_TASKS.has(task)) return 'maintenance';
  return 'unknown';
}
