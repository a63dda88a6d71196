/**
 * What source-controller leaves out of the artifact it makes of a Git repository
 * (https://fluxcd.io/flux/components/source/gitrepositories/#excluding-files): the patterns of every
 * `.sourceignore` file of the tree, then those of the GitRepository's `spec.ignore`; where there are
 * none at all, its default list (images, archives, CI and tool files). The VCS files (`.git/`,
 * `.gitignore` ...) are always left out. This is fluxcd/pkg's sourceignore with source-controller's
 * SourceIgnoreFilter, matched as its gitignore package (a copy of go-git's) matches:
 * - a `.sourceignore` file's patterns apply below its own folder (their domain), spec.ignore's and
 *   the defaults' from the root; the files are read root first, then each sub-folder in name order,
 *   depth first (LoadIgnorePatterns);
 * - a pattern matches a file when it matches the file or any folder above it, and the last pattern
 *   that matches decides: a later `!pattern` takes a file back even below a folder an earlier pattern
 *   left out (go-git's matcher, unlike git, where an excluded folder's files cannot be re-included).
 * Each pattern's own syntax (wildcards, `**`, a trailing `/` for folders, a leading `/` to anchor) is
 * the `ignore` package's, which implements gitignore's.
 */
import ignore from 'ignore';

type Ignore = ReturnType<typeof ignore>;

/** source-controller's lists (fluxcd/pkg sourceignore: ExcludeVCS, then ExcludeExt, ExcludeCI, ExcludeExtra). */
const EXCLUDE_VCS = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];
const EXCLUDE_DEFAULT = [
  ...['*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip'],
  ...['.github/', '.circleci/', '.travis.yml', '.gitlab-ci.yml', 'appveyor.yml', '.drone.yml', 'cloudbuild.yaml', 'codeship-services.yml', 'codeship-steps.yml'],
  ...['**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml'],
];

/** A pattern that leaves a path out, and where it is written (none for source-controller's own lists). */
export interface LeftOutBy {
  pattern: string;
  /** `.sourceignore` or `apps/.sourceignore` with the line; a GitRepository's file and the line of its spec.ignore; null for the defaults. */
  where: { file: string; line: number } | null;
  /** Whose pattern it is: a `.sourceignore`, the GitRepository's spec.ignore (`GitRepository flux-system`), or source-controller's default. */
  from: 'sourceignore' | 'spec.ignore' | 'default';
  /** For spec.ignore: the GitRepository's name. */
  source?: string;
}

interface Rule extends LeftOutBy {
  /** The folder the pattern applies below ('' for the root). */
  domain: string;
  negate: boolean;
}

/**
 * Consecutive patterns of one sign and one folder, matched at once: among patterns that all leave out
 * (or all take back), the last one that matches decides as any one would. Each matches a path where
 * it matches the path or a folder above it (the `ignore` package's parent rule, which within such a
 * group is no more than that).
 */
interface Group {
  domain: string;
  negate: boolean;
  rules: Rule[];
  match: Ignore;
}

/** A `.sourceignore` file of the tree. */
export interface SourceIgnoreFile {
  path: string;
  text: string;
}

/** The spec.ignore of the GitRepository whose artifact it is. */
export interface SpecIgnore {
  text: string;
  source: string;
  file: string;
  line: number;
}

/** Which paths of the repository a GitRepository's artifact leaves out, and by which pattern. */
export interface SourceIgnoreRules {
  /** The pattern that leaves this file out of the artifact, or null where the artifact holds it. */
  leftOut(path: string): LeftOutBy | null;
  /** Whether .sourceignore files or spec.ignore give patterns, which replace source-controller's default list. */
  defaultsReplaced: boolean;
}

/** The lines of an ignore list that are patterns (ReadPatterns: not a comment, not blank), with their line numbers. */
function patternLines(text: string): { pattern: string; index: number }[] {
  const out: { pattern: string; index: number }[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.startsWith('#') && line.trim() !== '') out.push({ pattern: line, index });
  });
  return out;
}

function ruleOf(pattern: string, domain: string, by: Omit<LeftOutBy, 'pattern'>): Rule {
  return { ...by, pattern, domain, negate: pattern.startsWith('!') };
}

function groupsOf(rules: readonly Rule[]): Group[] {
  const groups: Group[] = [];
  for (const r of rules) {
    const last = groups.at(-1);
    if (last && last.negate === r.negate && last.domain === r.domain) last.rules.push(r);
    else groups.push({ domain: r.domain, negate: r.negate, rules: [r], match: ignore({ allowRelativePaths: true }) });
  }
  // (Each pattern marked with its place in the group, which the match reports: that pattern is cited.)
  for (const g of groups) g.match.add(g.rules.map((r, i) => ({ pattern: r.negate ? r.pattern.slice(1) : r.pattern, mark: String(i) })));
  return groups;
}

/** The folder of a `.sourceignore` file, as path segments, for LoadIgnorePatterns' order. */
const segmentsOf = (file: string) => file.split('/').slice(0, -1);

/** Root first, then each folder's sub-folders in byte order, depth first (Go's os.ReadDir sorts by name). */
function walkOrder(a: SourceIgnoreFile, b: SourceIgnoreFile): number {
  const x = segmentsOf(a.path);
  const y = segmentsOf(b.path);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** The rules of the artifact of a GitRepository: the tree's `.sourceignore` files, and its spec.ignore (null where it sets none). */
export function sourceIgnoreRules(files: readonly SourceIgnoreFile[], spec: SpecIgnore | null): SourceIgnoreRules {
  const patterns: Rule[] = [];
  for (const f of [...files].sort(walkOrder)) {
    const domain = segmentsOf(f.path).join('/');
    for (const { pattern, index } of patternLines(f.text)) patterns.push(ruleOf(pattern, domain, { where: { file: f.path, line: index + 1 }, from: 'sourceignore' }));
  }
  if (spec !== null) for (const { pattern } of patternLines(spec.text)) patterns.push(ruleOf(pattern, '', { where: { file: spec.file, line: spec.line }, from: 'spec.ignore', source: spec.source }));
  // (SourceIgnoreFilter: any pattern at all replaces the default list; the VCS files stay out.)
  const defaults = patterns.length > 0 ? EXCLUDE_VCS : [...EXCLUDE_VCS, ...EXCLUDE_DEFAULT];
  const groups = groupsOf([...defaults.map((p) => ruleOf(p, '', { where: null, from: 'default' })), ...patterns]);
  const memo = new Map<string, LeftOutBy | null>();
  const leftOut = (path: string): LeftOutBy | null => {
    const known = memo.get(path);
    if (known !== undefined) return known;
    let out: LeftOutBy | null = null;
    for (let i = groups.length - 1; i >= 0; i--) {
      const g = groups[i]!;
      if (g.domain !== '' && !path.startsWith(`${g.domain}/`)) continue;
      const rel = g.domain === '' ? path : path.slice(g.domain.length + 1);
      const found = rel === '' ? null : g.match.test(rel);
      if (!found?.ignored) continue;
      const r = g.rules[Number(found.rule?.mark ?? 0)] ?? g.rules[0]!;
      if (!g.negate) out = { pattern: r.pattern, where: r.where, from: r.from, ...(r.source !== undefined ? { source: r.source } : {}) };
      break;
    }
    memo.set(path, out);
    return out;
  };
  return { leftOut, defaultsReplaced: patterns.length > 0 };
}

/** How a message says which pattern leaves a path out of the artifact (after "which"). */
export function leftOutPhrase(by: LeftOutBy): string {
  if (by.from === 'default') return `source-controller's default \`${by.pattern}\``;
  if (by.from === 'sourceignore') return `\`${by.pattern}\` of ${by.where!.file}:${by.where!.line}`;
  return `\`${by.pattern}\` of the spec.ignore of GitRepository ${by.source} (${by.where!.file}:${by.where!.line})`;
}

/**
 * What source-controller leaves out of a Git or OCI artifact unless the source sets spec.ignore
 * (which replaces this list): VCS files, images and archives, CI and tool files (its excludeVCS,
 * excludeExt, excludeCI and excludeExtra). A kustomization.yaml that names one fails under Flux
 * though it builds on a checkout; Flux's generated kustomization.yaml never sees them.
 */
/** How `absence` says a path is one of FLUX_DEFAULT_IGNORES (the Flux build's message reads it to advise). */
export const DEFAULT_IGNORED = "which Flux's source-controller leaves out of the artifact by default (images, archives, VCS and CI files)";
/** How `absence` says a .sourceignore or spec.ignore pattern leaves a path out (the Flux build's message reads it to advise). */
export const SOURCE_IGNORED = 'leaves out of the artifact Flux builds from';

export const FLUX_DEFAULT_IGNORES =
  /(^|\/)(\.git|\.github|\.circleci)\/|(^|\/)(\.git|\.gitignore|\.gitmodules|\.gitattributes|\.sops\.yaml|\.flux\.yaml|\.goreleaser\.yml|\.travis\.yml|\.gitlab-ci\.yml|appveyor\.yml|\.drone\.yml|cloudbuild\.yaml|codeship-services\.yml|codeship-steps\.yml)$|\.(jpg|jpeg|gif|png|wmv|flv|tar\.gz|zip)$/;
