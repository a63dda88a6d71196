import type { AtlasConfig } from '../config/schema.ts';
import { sortFindings, type Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';

/** Everything the site, exports and checks show, computed once from the model. Pure. */
export interface Atlas {
  model: RepoModel;
  config: AtlasConfig;
  /** The model's findings and every analysis' findings, sorted. */
  findings: Finding[];
}

export function analyse(model: RepoModel, config: AtlasConfig): Atlas {
  const findings: Finding[] = [...model.findings];
  return { model, config, findings: sortFindings(findings) };
}
