import type {
  ChangeKind,
  Conventional,
  RenovateDatasource,
  RenovateInfo,
} from '../../model/changelog-entry.ts';

/** What a subject says: its kind, its conventional prefix and the dependency update it names. */
export interface Classification {
  kind: ChangeKind;
  conventional: Conventional | null;
  renovate: RenovateInfo | null;
}

/** Conventional types we accept; `Ceph: use …` or `Claude: …` are component prefixes, not types. */
const typeToKind: Record<string, ChangeKind> = {
  feat: 'feature',
  feature: 'feature',
  fix: 'fix',
  bugfix: 'fix',
  hotfix: 'fix',
  chore: 'chore',
  test: 'chore',
  tests: 'chore',
  style: 'refactor',
  perf: 'refactor',
  refactor: 'refactor',
  docs: 'docs',
  doc: 'docs',
  ci: 'ci',
  build: 'ci',
  revert: 'revert',
};

const MAX_SUBJECT = 512;
const conventionalRe = /^([A-Za-z]+)(?:\(([^()]*)\))?(!)?:\s*(.*)$/s;
/** A trailing GitHub PR number, `(#11568)`, that squash merges append. */
const prSuffixRe = /\s*\(#\d+\)\s*$/;
const arrow = String.raw`(?:→|➔|->|=>)`;
/** Words Renovate puts between "update" and the package name, with the datasource they imply. */
const wordDatasource: Record<string, RenovateDatasource> = {
  image: 'container',
  'docker tag': 'container',
  chart: 'helm',
  'helm release': 'helm',
  release: 'github-release',
  action: 'github-actions',
  tool: 'mise',
  config: 'renovate-config',
  dashboard: 'grafana-dashboards',
  dependency: 'other',
  module: 'other',
  package: 'other',
  plugin: 'other',
};
const words = Object.keys(wordDatasource).sort((a, b) => b.length - a.length).join('|');
/** `update image x ( 1.2.3 → 1.3.0 )`, `update x group (v1 ➔ v2)`, `update x action ( a → b )`. */
const spannedRe = new RegExp(
  String.raw`^update\s+(?:(${words})\s+)?(.+?)(?:\s+(group|action|docker tag|docker digest|digest))?\s*\(\s*(\S+)\s*${arrow}\s*(\S+)\s*\)$`,
  'i',
);
/** `update helm release foo to v1.2.3`, `update ghcr.io/x docker tag to v1.2`, `update x digest to abc1234`. */
const toRe = new RegExp(
  String.raw`^update\s+(?:(${words})\s+)?(\S+?)(?:\s+(group|action|docker tag|docker digest|digest))?\s+to\s+(v?\d[\w.+-]*|[0-9a-f]{7,64})$`,
  'i',
);
/** `update rook-ceph group (patch)` and `update flux group`: Renovate group PRs without versions. */
const groupOnlyRe = /^update\s+(.+?)\s+group(?:\s*\((?:major|minor|patch|digest|pin)\))?$/i;
/**
 * Updates people write by hand: `update slskd to 0.26.0 and migrate config`, `update to talos
 * 1.14.0`. They are updates to readers, but not Renovate's (isRenovate false).
 */
const humanUpdateRe = /^update\s+(?:(\S+)\s+to|to\s+(\S+))\s+(v?\d[\w.+-]*)(?:\s|$)/i;
const lockFileRe = /^lock\s*file\s+maintenance$/i;
const migrateConfigRe = /^migrate\s+config\s+(\S+)$/i;
const scopeDatasource: Record<string, RenovateDatasource> = {
  container: 'container',
  docker: 'container',
  image: 'container',
  helm: 'helm',
  'github-release': 'github-release',
  'github-releases': 'github-release',
  'github-action': 'github-actions',
  'github-actions': 'github-actions',
  'github-tags': 'github-tags',
  mise: 'mise',
  'renovate-config': 'renovate-config',
  config: 'renovate-config',
  'grafana-dashboards': 'grafana-dashboards',
};

/**
 * Classify one commit subject (and optional body, for `BREAKING CHANGE:`). Total: any string gives
 * a classification, plain messages give `other`.
 */
export function classifySubject(subject: string, body = ''): Classification {
  // One space between words and a length cap keep the regexes linear-ish on hostile input;
  // real subjects are one line of under 200 characters.
  const text = subject.replace(/\s+/g, ' ').trim().slice(0, MAX_SUBJECT);
  const merge = classifyMerge(text);
  if (merge) return merge;
  const reverted = /^Revert\s+"(.*)"(?:\s*\(#\d+\))?\s*$/s.exec(text);
  if (reverted) {
    const inner = classifySubject(reverted[1]!).renovate;
    const renovate = inner ? { ...inner, from: inner.to, to: inner.from, isRenovate: false } : null;
    return { kind: 'revert', conventional: null, renovate };
  }
  const conventional = parseConventional(text, body);
  const description = (conventional ? conventionalRe.exec(text)![4]! : text).replace(prSuffixRe, '');
  const renovate = parseRenovateDescription(description, conventional?.scope ?? null);
  if (renovate) return { kind: 'update', conventional, renovate };
  if (conventional) return { kind: typeToKind[conventional.type] ?? 'other', conventional, renovate };
  return { kind: 'other', conventional: null, renovate: null };
}

/** `type(scope)!: …` with a known type, else null. */
function parseConventional(subject: string, body = ''): Conventional | null {
  const match = conventionalRe.exec(subject);
  if (!match) return null;
  const type = match[1]!.toLowerCase();
  if (!(type in typeToKind)) return null;
  const breaking =
    match[3] === '!' || /\bBREAKING[ -]CHANGE\b/.test(subject) || /^BREAKING[ -]CHANGE:/m.test(body.slice(0, 20_000));
  return { type, scope: match[2]?.trim() || null, breaking };
}

/** The update a Renovate-shaped description names (after the conventional prefix), else null. */
function parseRenovateDescription(description: string, scope: string | null): RenovateInfo | null {
  const text = description.trim();
  const fromScope = (scope && scopeDatasource[scope.toLowerCase()]) || 'other';
  const datasourceOf = (word: string | undefined, suffix: string | undefined): RenovateDatasource => {
    const key = (word ?? '').toLowerCase();
    if (key && wordDatasource[key] !== 'other') return wordDatasource[key]!;
    if (suffix?.toLowerCase().startsWith('docker')) return 'container';
    if (suffix?.toLowerCase() === 'action') return 'github-actions';
    return fromScope;
  };
  // `ghcr.io/x/y` names its registry: a container whatever the scope (`chore(deps)`) says.
  const withRegistry = (r: RenovateInfo): RenovateInfo =>
    r.datasource === 'other' && /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/\S/i.test(r.package) ? { ...r, datasource: 'container' } : r;
  const info = (
    datasource: RenovateDatasource,
    pkg: string,
    group: boolean,
    from: string | null,
    to: string | null,
  ): RenovateInfo => withRegistry({ datasource, package: pkg.trim(), group, from, to, isRenovate: true });

  if (lockFileRe.test(text)) return info('lockfile', 'lock file', false, null, null);
  const migrate = migrateConfigRe.exec(text);
  if (migrate && (scope === null || /config|renovate/i.test(scope))) {
    return info('renovate-config', migrate[1]!, false, null, null);
  }
  const spanned = spannedRe.exec(text);
  if (spanned) {
    const [, word, pkg, suffix, from, to] = spanned;
    return info(datasourceOf(word, suffix), pkg!, suffix?.toLowerCase() === 'group', from!, to!);
  }
  const bare = toRe.exec(text);
  if (bare) {
    const [, word, pkg, suffix, to] = bare;
    return info(datasourceOf(word, suffix), pkg!, suffix?.toLowerCase() === 'group', null, to!);
  }
  const group = groupOnlyRe.exec(text);
  if (group) return info(fromScope, group[1]!, true, null, null);
  const human = humanUpdateRe.exec(text);
  if (human) return { ...info(fromScope, human[1] ?? human[2]!, false, null, human[3]!), isRenovate: false };
  return null;
}

/**
 * GitHub (`Merge pull request #1 from owner/renovate/x-1.x`) and Forgejo/Gitea
 * (`Merge pull request 'title' (#37) from owner/repo:renovate/x into main`) merges, and plain
 * `Merge branch …`. A merge of a `renovate/` branch carries the update its title or branch names.
 */
function classifyMerge(text: string): Classification | null {
  const forgejo = /^Merge pull request '(.*)' \(#\d+\) from (\S+) into \S+$/s.exec(text);
  if (forgejo) {
    const branch = forgejo[2]!.includes(':') ? forgejo[2]!.slice(forgejo[2]!.indexOf(':') + 1) : forgejo[2]!;
    const fromTitle = isRenovateBranch(branch) ? classifySubject(forgejo[1]!).renovate : null;
    return merged(fromTitle ?? renovateFromBranch(branch));
  }
  const github = /^Merge pull request #\d+ from [^/\s]+\/(\S+)/.exec(text);
  if (github) return merged(renovateFromBranch(github[1]!));
  if (/^Merge (?:branch|remote-tracking branch|tag|commit|pull request|changes)\b/i.test(text)) {
    return merged(null);
  }
  return null;
}

function merged(renovate: RenovateInfo | null): Classification {
  return { kind: 'merge', conventional: null, renovate };
}

function isRenovateBranch(branch: string): boolean {
  return /^renovate\//i.test(branch);
}

/**
 * `renovate/docker.io-gotenberg-gotenberg-8.x` → package `docker.io-gotenberg-gotenberg`, to `8.x`.
 * The branch flattens `/` to `-`, so the package is the slug; `patch-` prefixes mark group PRs.
 */
function renovateFromBranch(branch: string): RenovateInfo | null {
  if (!isRenovateBranch(branch)) return null;
  let slug = branch.slice(branch.indexOf('/') + 1);
  if (slug === 'migrate-config') {
    return { datasource: 'renovate-config', package: 'config', group: false, from: null, to: null, isRenovate: true };
  }
  if (slug === 'lock-file-maintenance') {
    return { datasource: 'lockfile', package: 'lock file', group: false, from: null, to: null, isRenovate: true };
  }
  const group = /^(?:major|minor|patch|digest)-/.test(slug);
  if (group) slug = slug.replace(/^(?:major|minor|patch|digest)-/, '');
  const version = /^(.+?)-(v?\d+(?:\.(?:\d+|x))*)$/.exec(slug);
  const pkg = version ? version[1]! : slug;
  // `8.x` is the branch's range, not a version: only an exact version is worth reporting.
  const to = version && !version[2]!.includes('x') ? version[2]! : null;
  return { datasource: 'other', package: pkg, group, from: null, to, isRenovate: true };
}
