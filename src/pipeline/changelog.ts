/**
 * The changelog as /changelog/, its feed, the app pages and the home page show it, read once per
 * atlas. Without git history the result says so (`available: false`, a NO_GIT_HISTORY finding) and
 * still carries the hand-written entries.
 */
import { loadChangelogData, type ChangelogData } from '../lib/export/changelog-md.ts';
import type { ChangelogReadOptions } from '../repo/changelog-read.ts';

export interface ChangelogInput {
  repoRoot: string;
  model: Parameters<typeof loadChangelogData>[1];
  config: Parameters<typeof loadChangelogData>[2];
}

/** The changelog of any scanned repository. */
export function computeChangelog(input: ChangelogInput, options: ChangelogReadOptions = {}): Promise<ChangelogData> {
  return loadChangelogData(input.repoRoot, input.model, input.config, options);
}
