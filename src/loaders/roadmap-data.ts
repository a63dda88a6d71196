/** The roadmap of the site's repository, as computeAtlas made it (src/pipeline/roadmap.ts). */
import type { RoadmapData } from '../pipeline/roadmap.ts';
import { getAtlas } from './atlas-data.ts';

export async function getRoadmapData(): Promise<RoadmapData> {
  return (await getAtlas()).roadmap;
}
