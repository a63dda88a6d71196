import type { AtlasConfig } from '../../config/schema.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { analyse } from '../../analysis/index.ts';
import { appReadmeTargets, type ExportTarget } from './plan.ts';
import { changelogExport } from './changelog-md.ts';
import { renderSecretsMarkdown } from './secrets-md.ts';

/**
 * Every file `atlas export` writes: README.md per app, SECRETS.md, CHANGELOG.md. Reading git
 * history (for the changelog) is the one I/O step, done by src/repo.
 */
export async function exportTargets(repoRoot: string, model: RepoModel, config: AtlasConfig): Promise<ExportTarget[]> {
  const site = config.site ? `${config.site.replace(/\/$/, '')}${config.base ?? ''}` : null;
  const analysis = analyse(model, config);
  const { file, generated } = await changelogExport(repoRoot, model, config);
  const changelog = { file, generated };
  return [
    ...appReadmeTargets(model, { repoUrl: config.repoUrl ?? null, siteUrl: site }),
    { file: 'SECRETS.md', title: 'Secrets', generated: renderSecretsMarkdown(analysis.secrets) },
    { ...changelog, title: 'Changelog' },
  ];
}
