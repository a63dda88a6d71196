import type { RepoModel } from './repo-model.ts';

/**
 * Two models of the same scan: the same lists, by identity, and the same files but for their sizes,
 * the findings aside. The pages read the scan's model with every analysis' findings added
 * (src/pipeline/atlas.ts), and a dev re-run after a save that changes no manifest reuses the scan's
 * model with a new files list of the same files (src/repo/scan.ts unchangedModel): what is computed
 * from one holds for the other (nothing computed per model reads a file's size or the findings).
 */
export function sameScan(a: RepoModel, b: RepoModel): boolean {
  if (a === b) return true;
  const keys = Object.keys(b) as (keyof RepoModel)[];
  if (keys.length !== Object.keys(a).length || !keys.every((k) => k === 'findings' || k === 'files' || a[k] === b[k])) return false;
  if (a.files === b.files) return true;
  const unsized = (f: RepoModel['files'][number]) => JSON.stringify({ ...f, size: 0 });
  return a.files.length === b.files.length && a.files.every((f, i) => f === b.files[i] || unsized(f) === unsized(b.files[i]!));
}
