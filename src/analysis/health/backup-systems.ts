/** The backup systems the backup matrix knows (src/analysis/health/backup.ts), in column order: a leaf module for the pages. */
export const BACKUP_SYSTEMS = ['k8up', 'velero', 'longhorn', 'volsync', 'kopiur'] as const;
export type BackupSystem = (typeof BACKUP_SYSTEMS)[number];
