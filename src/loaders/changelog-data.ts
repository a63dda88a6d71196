/** The changelog of the site's repository, as computeAtlas read it (src/pipeline/changelog.ts). */
import type { ChangelogData } from '../lib/export/changelog-md.ts';
import { getAtlas } from './atlas-data.ts';

export async function getChangelog(): Promise<ChangelogData> {
  return (await getAtlas()).changelog;
}
