import type { Proposal, Proposals } from './proposals.ts';

/**
 * The proposed items as roadmap Markdown, in the seed's own format (`### P-1: Title`, `**Status**`,
 * `**Priority**`, `**Effort**`, `**Check**`, `**Files to Update**`), so that `atlas export` can write
 * them between the ATLAS markers and the parser reads them back as items. Text is ours (finding
 * messages, paths); backticks in it are neutralised so a path cannot end its code span.
 */

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;
const PRIORITY_WORD = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' } as const;

function renderProposal(p: Proposal): string {
  const lines = [
    `### ${p.id}: ${p.title}`,
    '**Status**: Proposed',
    `**Priority**: ${PRIORITY_WORD[p.priority]}`,
    `**Risk**: ${p.files.length} finding${p.files.length === 1 ? '' : 's'} across ${p.spread.length} place${p.spread.length === 1 ? '' : 's'} (${p.why})`,
    `**Effort**: ${p.effort}`,
    ...(p.check ? [`**Check**: ${p.check}`] : []),
    ...(p.related.length ? [`**Related**: ${p.related.join(', ')} (cover${p.related.length === 1 ? 's' : ''} other findings of this kind)`] : []),
    '',
    `**Action**: ${p.action}`,
    '',
    '**Files to Update**:',
    ...p.files.map((f) => `- ${code(f.file)} line ${f.line}: ${f.message.replace(/`/g, "'")}`),
    '',
    `**Done when**: ${p.doneWhen}`,
  ];
  return lines.join('\n');
}

/** The whole block: a section heading, a sentence saying where it comes from, each proposal. */
export function renderProposals(result: Proposals, asOf: string | null): string {
  const head = [
    '## PROPOSED ITEMS (from GitOps Atlas)',
    '',
    // A comment: the parser takes it as understood, and readers of the file see it where they edit.
    `<!-- Findings of atlas check${asOf ? ` as of ${asOf}` : ''} that no item of this roadmap covers, grouped into items. GitOps Atlas rewrites this block on every atlas export; move an item above the markers to keep it, or add a deferred item to stop it being proposed. -->`,
  ];
  if (result.proposals.length === 0) return [...head, '', '<!-- Nothing to propose: every finding is covered by an item or a deferred decision. -->', ''].join('\n');
  return [...head, '', result.proposals.map(renderProposal).join('\n\n---\n\n'), ''].join('\n');
}
