/**
 * The changelog as /changelog/, its feed, the app pages and the home page show it. Computed once
 * per scan from the shared getAtlas() and memoised on globalThis like the scan itself, so the
 * hundreds of app pages of a build share one `git log`. Without git history the result says so
 * (`available: false`, a NO_GIT_HISTORY finding) and still carries the hand-written entries.
 */
import type { ChangelogData } from '../lib/export/changelog-md.ts';
import { loadChangelogData } from '../lib/export/changelog-md.ts';
import type { ChangelogReadOptions } from '../repo/changelog-read.ts';

export type { ChangelogData };

export interface ChangelogInput {
  repoRoot: string;
  model: Parameters<typeof loadChangelogData>[1];
  config: Parameters<typeof loadChangelogData>[2];
}

/** The changelog of any scanned repository (the testable core of getChangelog). */
export function computeChangelog(input: ChangelogInput, options: ChangelogReadOptions = {}): Promise<ChangelogData> {
  return loadChangelogData(input.repoRoot, input.model, input.config, options);
}

/** The changelog of the site's repository, computed with the scan (computeAtlas). */
export async function getChangelog(): Promise<ChangelogData> {
  const { getAtlas } = await import('./atlas-data.ts');
  return (await getAtlas()).changelog;
}
