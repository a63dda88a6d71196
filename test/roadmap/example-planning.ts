import { resolve } from 'node:path';
import { analyse, type Analysis } from '../../src/analysis/index.ts';
import type { PlanningFacts } from '../../src/analysis/roadmap/planning-facts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { computeRoadmapData, withPlanning, type RoadmapData } from '../../src/pipeline/roadmap.ts';
import type { RepoModel } from '../../src/model/repo-model.ts';
import { scanRepo } from '../../src/repo/scan.ts';

/**
 * examples/homelab through the same steps computeAtlas runs (scan, roadmap, analyses, planning),
 * without git: no test may depend on the history of the project's own repository.
 */
export const EXAMPLE = resolve(import.meta.dirname, '../../examples/homelab');

export interface ExamplePlanning {
  model: RepoModel;
  analysis: Analysis;
  facts: PlanningFacts;
  data: RoadmapData;
}

export async function examplePlanning(): Promise<ExamplePlanning> {
  const config = loadConfig(EXAMPLE, {});
  const { model } = await scanRepo(EXAMPLE, config);
  const roadmap = await computeRoadmapData({ model, config, repoRoot: EXAMPLE }, { gitBinary: '/nonexistent/git' });
  const analysis = analyse(model, config, { extraFindings: roadmap.findings });
  const facts: PlanningFacts = { model, health: analysis.health, secrets: analysis.secrets, findings: analysis.findings, runbookFolders: config.runbooks };
  return { model, analysis, facts, data: withPlanning(roadmap, facts, null) };
}
