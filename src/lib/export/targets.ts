import { generateRunbooks, handWrittenRunbooks, runbookExportTargets } from '../../analysis/runbooks/index.ts';
import type { Atlas } from '../../loaders/atlas-data.ts';
import { readRunbookFiles } from '../../repo/runbook-files.ts';
import { changelogBlock } from './changelog-md.ts';
import { appReadmeTargets, handWrittenRecoveryDocs, SECRETS_FILE, type ExportTarget } from './plan.ts';
import { renderSecretsMarkdown } from './secrets-md.ts';

/**
 * Every file `atlas export` writes: README.md per app, SECRETS.md, CHANGELOG.md, the generated
 * block of each hand-written runbook whose front matter asks for one (`atlas: restore:media/plex`),
 * and the proposed items in the roadmap when `roadmap.writeProposals` is set.
 * Everything comes from the one pipeline the site uses (computeAtlas), so a README shows the same
 * facts and findings as the app's page; only the runbook files are read here.
 */
export async function exportTargets(atlas: Atlas): Promise<ExportTarget[]> {
  const { model, config, analysis, repoRoot } = atlas;
  const site = config.site ? `${config.site.replace(/\/$/, '')}${config.base ?? ''}` : null;
  const files = await readRunbookFiles(model, repoRoot, config.runbooks);
  const runbooks = generateRunbooks({ model, graph: analysis.graph.graph, docs: files.docs, headers: files.headers }, config.sops.recipients);
  const hand = handWrittenRunbooks(model, files.texts, config.runbooks).result;
  const readmes = appReadmeTargets(model, { repoUrl: config.repoUrl ?? null, siteUrl: site });
  const changelog = { ...changelogBlock(atlas.changelog, model.apps), title: 'Changelog' };
  const secrets = { ...analysis.secrets, recoveryDocs: handWrittenRecoveryDocs(analysis.secrets.recoveryDocs, model, changelog.file) };
  return [
    ...readmes,
    { file: SECRETS_FILE, title: 'Secrets', generated: renderSecretsMarkdown(secrets) },
    changelog,
    ...runbookExportTargets(runbooks, hand).result.map((t) => ({ file: t.file, generated: t.generated, title: t.runbookId })),
    // Proposed roadmap items, only when the configuration asks (roadmap.writeProposals); a repository
    // without a roadmap gets a ROADMAP.md started from them.
    ...(config.roadmap.writeProposals && atlas.roadmap.planning
      ? [{ file: atlas.roadmap.roadmap?.file ?? 'ROADMAP.md', title: 'Roadmap', generated: atlas.roadmap.planning.proposalsMarkdown }]
      : []),
  ];
}
