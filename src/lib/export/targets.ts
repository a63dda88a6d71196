import type { AtlasConfig } from '../../config/schema.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { analyse } from '../../analysis/index.ts';
import { generateRunbooks, handWrittenRunbooks, runbookExportTargets } from '../../analysis/runbooks/index.ts';
import { readRunbookFiles } from '../../repo/runbook-files.ts';
import { changelogExport } from './changelog-md.ts';
import { appReadmeTargets, type ExportTarget } from './plan.ts';
import { renderSecretsMarkdown } from './secrets-md.ts';

/**
 * Every file `atlas export` writes: README.md per app, SECRETS.md, CHANGELOG.md, and the generated
 * block of each hand-written runbook whose front matter asks for one (`atlas: restore:media/plex`).
 * Reading git history (for the changelog) and the runbook files is done by src/repo.
 */
export async function exportTargets(repoRoot: string, model: RepoModel, config: AtlasConfig): Promise<ExportTarget[]> {
  const site = config.site ? `${config.site.replace(/\/$/, '')}${config.base ?? ''}` : null;
  const analysis = analyse(model, config);
  const { file, generated } = await changelogExport(repoRoot, model, config);
  const files = await readRunbookFiles(model, repoRoot, config.runbooks);
  const runbooks = generateRunbooks({ model, graph: analysis.graph.graph, docs: files.docs, headers: files.headers }, config.sops.recipients);
  const hand = handWrittenRunbooks(model, files.texts, config.runbooks).result;
  return [
    ...appReadmeTargets(model, { repoUrl: config.repoUrl ?? null, siteUrl: site }),
    { file: 'SECRETS.md', title: 'Secrets', generated: renderSecretsMarkdown(analysis.secrets) },
    { file, generated, title: 'Changelog' },
    ...runbookExportTargets(runbooks, hand).result.map((t) => ({ file: t.file, generated: t.generated, title: t.runbookId })),
  ];
}
