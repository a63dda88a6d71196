/**
 * Data of the /health/ pages: the one scan and analysis of the build (getAtlas), with the health
 * report and every finding, silenced ones split off.
 */
import { getAtlas } from '../../loaders/atlas-data.ts';
import type { HealthReport } from '../../analysis/health/index.ts';
import type { SilencedFinding } from '../../analysis/silence.ts';
import type { Finding } from '../../model/finding.ts';

export interface HealthData {
  active: Finding[];
  silenced: SilencedFinding[];
  health: HealthReport;
  repoUrl: string | null;
}

export async function healthData(): Promise<HealthData> {
  const atlas = await getAtlas();
  const a = atlas.analysis;
  return { active: a.findings, silenced: a.silenced, health: a.health, repoUrl: atlas.config.repoUrl ?? null };
}

/** The namespace a finding is about: from its object id (`Kind/ns/name`) or its app id. */
export function findingNamespace(f: Pick<Finding, 'objectId' | 'appId'>): string | null {
  const fromObject = f.objectId?.split('/');
  if (fromObject && fromObject.length >= 3 && fromObject[1] !== '_cluster') return fromObject[1]!;
  if (fromObject && fromObject[0] === 'Namespace') return fromObject[2] ?? null;
  const app = f.appId?.split('/');
  return app && app.length >= 2 ? app[app.length - 2]! : null;
}

export const AREA_TITLES: Record<string, string> = {
  backup: 'Backups',
  monitoring: 'Monitoring',
  network: 'Network policies',
  policy: 'Kyverno policies',
  flux: 'Flux hygiene',
  versions: 'Versions',
  vpa: 'Vertical Pod Autoscalers',
  dashboards: 'Grafana dashboards',
  retention: 'Retention',
};
