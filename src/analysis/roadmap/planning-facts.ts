import type { App } from '../../model/app.ts';
import type { Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { HealthReport } from '../health/index.ts';
import type { SecretsInventory } from '../secrets/types.ts';

/**
 * What the planning view reads: the results the other analyses already computed (health matrices,
 * secrets inventory, the merged findings) and the model, never recomputed here.
 */
export interface PlanningFacts {
  model: RepoModel;
  health: HealthReport;
  secrets: SecretsInventory;
  /** Every active finding of the build (analysis.findings). */
  findings: readonly Finding[];
  /** Folders of hand-written runbooks (config.runbooks). */
  runbookFolders: readonly string[];
}

/** A piece of evidence beside an answer: an app (linked to its page) or a file and line. */
export interface Evidence {
  text: string;
  app?: Pick<App, 'id' | 'name' | 'namespace' | 'cluster'>;
  ref?: { file: string; line: number };
}

/** Live apps: deployed as the repository stands. */
export function liveApps(model: RepoModel): App[] {
  return model.apps.filter((a) => !a.disabled && !a.unreferenced);
}

export function appKey(model: RepoModel, appId: string | null): Evidence['app'] | undefined {
  const a = appId === null ? undefined : model.apps.find((x) => x.id === appId);
  return a ? { id: a.id, name: a.name, namespace: a.namespace, cluster: a.cluster } : undefined;
}

/** `a, b and 3 more` for sentences; lists stay short, the evidence list holds them all. */
export function someOf(names: readonly string[], max = 6): string {
  if (names.length === 0) return 'none';
  if (names.length <= max) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
