/**
 * The guide's list of findings, generated from the registry (src/model/finding-codes.ts) at build
 * time: every code the program can emit, under its health area, with its severities, a one-line
 * summary and, where the registry has one, a longer explanation. Each code is a heading, so its
 * anchor (`findingAnchor`) is the slug Starlight gives that heading.
 */
import { FINDING_AREAS, FINDING_CODE_LIST, type FindingArea, type FindingCode, findingInfo } from '../../model/finding-codes.ts';

/** The codes of an area (their usual one), in alphabetical order. */
function codesOf(area: FindingArea): FindingCode[] {
  return FINDING_CODE_LIST.filter((c) => findingInfo(c).areas[0] === area);
}

const or = (xs: readonly string[]): string => (xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);

function entry(code: FindingCode): string[] {
  const info = findingInfo(code);
  const [usual, ...others] = info.severities;
  const severity = others.length ? `**${usual}** (also ${or(others)})` : `**${usual}**`;
  const areas = info.areas.length > 1 ? ` · filed under ${or(info.areas.map((a) => `\`${a}\``))}` : '';
  const out = [`### \`${code}\``, '', `${severity}${areas}. ${info.summary}`, ''];
  if (info.details) out.push(info.details, '');
  return out;
}

/** The whole page body (Markdown, without front matter). */
export function findingsReferenceMarkdown(): string {
  const areas = (Object.keys(FINDING_AREAS) as FindingArea[]).filter((a) => codesOf(a).length > 0);
  return [
    'A **finding** is a problem or a note about the repository: a stable code, a severity, a message that says what to do,',
    'and the file and line it is about. `atlas check` prints them for CI, the site shows them on the health pages and beside',
    'the object they concern.',
    '',
    '- **error**: something is broken: Flux would fail, a document could not be read, a secret is exposed, a file was not written.',
    '  `atlas check` exits 1 on errors (`--fail-on` sets the level).',
    '- **warning**: likely a mistake, or something the site could not read.',
    '- **info**: a fact worth knowing; often fine.',
    '',
    'A finding that is known and accepted can be silenced in `atlas.config.yaml`, by its code and optionally one object or a',
    'file glob; an unknown code there is a configuration error that names the nearest code (see the',
    '[configuration reference](../configuration/)):',
    '',
    '```yaml',
    'silence:',
    '  - code: NETWORK_POLICY_MISSING',
    '    file: kubernetes/apps/media/**',
    '    reason: the media namespace is only reachable through the gateway',
    '```',
    '',
    `This list is generated from the registry of codes the program emits, so it is always complete: ${FINDING_CODE_LIST.length} codes.`,
    '',
    ...areas.flatMap((area) => [`## ${FINDING_AREAS[area]}`, '', ...codesOf(area).flatMap(entry)]),
  ].join('\n');
}
