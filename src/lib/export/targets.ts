import type { Atlas } from '../../pipeline/atlas.ts';
import { changelogBlock } from './changelog-md.ts';
import { appReadmeTargets, handWrittenRecoveryDocs, SECRETS_FILE, type ExportTarget } from './plan.ts';
import { renderSecretsMarkdown } from './secrets-md.ts';

/**
 * Every file `atlas export` writes: README.md per app, SECRETS.md, CHANGELOG.md, the generated
 * block of each hand-written runbook whose front matter asks for one (`atlas: restore:media/plex`),
 * and the proposed items in the roadmap when `roadmap.writeProposals` is set.
 * Everything comes from the one pipeline the site uses (computeAtlas), so a README shows the same
 * facts and findings as the app's page. Reads no file: an `atlas:` id that names no generated
 * runbook is one of the atlas' findings (RUNBOOK_ATLAS_ID_UNKNOWN), shown by `atlas check`.
 */
export function exportTargets(atlas: Atlas): ExportTarget[] {
  const { model, config, analysis } = atlas;
  const site = config.site ? `${config.site.replace(/\/$/, '')}${config.base ?? ''}` : null;
  const readmes = appReadmeTargets(model, { repoUrl: config.repoUrl ?? null, siteUrl: site });
  const changelog = { ...changelogBlock(atlas.changelog, model.apps), title: 'Changelog' };
  const secrets = { ...analysis.secrets, recoveryDocs: handWrittenRecoveryDocs(analysis.secrets.recoveryDocs, model, changelog.file) };
  return [
    ...readmes,
    { file: SECRETS_FILE, title: 'Secrets', generated: renderSecretsMarkdown(secrets) },
    changelog,
    ...analysis.runbooks.exportTargets.map((t) => ({ file: t.file, generated: t.generated, title: t.runbookId })),
    // Proposed roadmap items, only when the configuration asks (roadmap.writeProposals); a repository
    // without a roadmap gets a ROADMAP.md started from them.
    ...(config.roadmap.writeProposals && atlas.roadmap.planning
      ? [{ file: atlas.roadmap.roadmap?.file ?? 'ROADMAP.md', title: 'Roadmap', generated: atlas.roadmap.planning.proposalsMarkdown }]
      : []),
  ];
}
