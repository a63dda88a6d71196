/**
 * The bad-input corpus of issue 11 as ONE repository, written at test time (the big and odd files
 * cannot be committed: 50 MB, a newline in a name, symlinks). The small committed bad-input
 * fixtures (test/fixtures/bad-input/, unit-tested file by file in test/repo/bad-input.test.ts) are
 * copied in, so the whole pipeline (discovery, model, analyses, roadmap, changelog, site) sees them
 * together, beside a normal app so that pages exist.
 *
 * Each case names the file it lives in and the finding the pipeline must report for it, so the
 * tests can assert "every problem is a finding with file and line".
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One bad input and what the pipeline must say about it (null: no finding expected, only survival). */
export interface HostileCase {
  name: string;
  file: string;
  code: string | null;
  /** Expected line where it is known exactly. */
  line?: number;
}

const BAD_INPUT = fileURLToPath(new URL('../fixtures/bad-input/', import.meta.url));

/** The committed bad-input fixtures and their codes (see test/repo/bad-input.test.ts). */
const COPIED: [string, string | null][] = [
  ['malformed-yaml-tabs.yaml', 'YAML_PARSE_ERROR'],
  ['malformed-yaml-unclosed-quote.yaml', 'YAML_PARSE_ERROR'],
  ['malformed-yaml-bad-indentation.yaml', 'YAML_PARSE_ERROR'],
  ['helm-template.yaml', 'YAML_PARSE_ERROR'],
  ['invalid-utf8.yaml', 'ENCODING_INVALID_UTF8'],
  ['utf16-bom.yaml', 'ENCODING_UTF16'],
  ['binary-file.yaml', 'BINARY_FILE'],
  ['alias-bomb.yaml', 'YAML_ALIAS_LIMIT'],
  ['duplicate-keys.yaml', 'YAML_DUPLICATE_KEY'],
  ['list-document.yaml', null],
  ['scalar-document.yaml', null],
  ['env-var-everywhere.yaml', null],
  ['empty-file.yaml', null],
];

/** A file name with a space, unicode and a newline (git lists it with -z; the walk as is). */
const WEIRD_NAME = 'hostile/we ird ✓ näme\nsecond line.yaml';
const HUGE_MB = 50;
const ROADMAP_MB = 10;
export const MANY_KS = 5000;
/** [name, targetNamespace] of apps whose URL segments must stay inside /apps/. */
const ODD_NAMES: [string, string][] = [['..', '../..'], ['a/b', 'x/../../y'], ['tilde~24', 'sp ace'], ['ünï', '.']];
/** Folders of those apps (an app is named after its folder). */
const ODD_DIRS = ['sp ace', 'ünï', 'tilde~24', '${DIR}'];

const ks = (name: string, spec: string, ns = 'flux-system') => `---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec}`;

const SOURCE = `  sourceRef:
    kind: GitRepository
    name: flux-system
  interval: 1h
`;

const NORMAL: Record<string, string> = {
  'README.md': '# Hostile homelab\n\nA repository written to break GitOps Atlas.\n',
  'kubernetes/flux/cluster/ks.yaml': ks('cluster-apps', `  path: ./kubernetes/apps\n  prune: true\n${SOURCE}`),
  // The cluster applies the hostile Kustomizations whose findings the cases expect (a Kustomization
  // nothing applies is not checked; one of the whole repository that nothing applies is no root).
  'kubernetes/apps/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./default/whoami/ks.yaml\n  - ../../hostile/env-everywhere-ks.yaml\n  - ../../hostile/path-escapes-ks.yaml\n  - ../../hostile/self-dependency-ks.yaml\n',
  'kubernetes/apps/default/whoami/ks.yaml': ks('whoami', `  targetNamespace: default\n  path: ./kubernetes/apps/default/whoami/app\n  prune: true\n${SOURCE}`),
  'kubernetes/apps/default/whoami/README.md': '# whoami\n\nA small echo server.\n',
  'kubernetes/apps/default/whoami/app/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n',
  'kubernetes/apps/default/whoami/app/helmrelease.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: whoami
spec:
  interval: 1h
  chart:
    spec:
      chart: whoami
      version: 5.1.0
      sourceRef:
        kind: HelmRepository
        name: cowboysysop
        namespace: flux-system
  values:
    image:
      tag: v1.10.1
`,
};

/** Small hostile files: [path, content, case name, expected code, expected line]. */
const SMALL: [string, string, string, string | null, number?][] = [
  // `${VAR}` in the name, namespace, path and dependsOn of a Flux Kustomization. A root is not
  // substituted by anyone, so the path is left alone and the dependsOn names nothing that exists.
  ['hostile/env-everywhere-ks.yaml', ks('${APP}', `  targetNamespace: \${NAMESPACE}\n  path: ./\${APP_PATH}/app\n  dependsOn:\n    - name: \${DEP}\n      namespace: \${DEP_NS}\n${SOURCE}`, '${NS}'), 'env-var-everywhere-flux', 'DEPENDS_ON_MISSING', 11],
  // Names and namespaces a page route or a file name could trip on: `..`, a slash, `~`, a space, unicode.
  ['hostile/odd-names-ks.yaml', ODD_NAMES.map(([name, ns], i) => ks(JSON.stringify(name), `  targetNamespace: ${JSON.stringify(ns)}\n  path: ./hostile/odd/${ODD_DIRS[i]}\n${SOURCE}`)).join(''), 'odd-names-and-namespaces', null],
  ...ODD_NAMES.map(([name], i): [string, string, string, null] => [`hostile/odd/${ODD_DIRS[i]}/helmrelease.yaml`, `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${JSON.stringify(name)}\nspec:\n  chart:\n    spec: {chart: x, sourceRef: {kind: HelmRepository, name: x}}\n`, `odd-name-${i}`, null]),
  ['hostile/path-escapes-ks.yaml', ks('escape', `  path: ../../../../etc\n  prune: true\n${SOURCE}`), 'path-escapes-repo', 'FLUX_PATH_OUTSIDE_REPO'],
  ['hostile/self-dependency-ks.yaml', ks('narcissus', `  path: ./kubernetes/apps/default/whoami/app\n  dependsOn:\n    - name: narcissus\n${SOURCE}`), 'depends-on-itself', 'DEPENDS_ON_SELF'],
  // Wrong shapes where objects are expected, inside otherwise valid Kubernetes documents.
  ['hostile/wrong-shapes-ks.yaml', `${ks('wrong-spec', '  - just\n  - a list\n')}${ks('wrong-deps', `  path: 42\n  dependsOn: 7\n${SOURCE}`)}---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: "a string"\nspec: null\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: odd}\ndata: [1, 2]\nstringData: "scalar"\n`, 'wrong-shapes', null],
  ['hostile/kustomization.yaml', '- not\n- an object\n', 'kustomization-file-is-a-list', null],
  ['hostile/empty/kustomization.yaml', '', 'empty-kustomization-file', null],
  ['hostile/empty/README.md', '', 'empty-markdown', null],
  // An alias inside the node its anchor names: the value contains itself (kustomize overflows its stack).
  ['hostile/alias-cycle.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: loop\ndata: &x\n  self: *x\n', 'alias-inside-its-anchor', 'YAML_ALIAS_CYCLE', 6],
  ['hostile/deep-10000.yaml', `key: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'nesting-10000-levels', 'YAML_TOO_DEEP', 1],
  ['hostile/helm-chart/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n', 'go-template-in-manifest', 'YAML_PARSE_ERROR'],
  [WEIRD_NAME, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "unclosed\n', 'file-name-with-space-unicode-newline', 'YAML_PARSE_ERROR'],
];

/**
 * Write the hostile repository into `root` (an empty folder), git-init it and commit in two steps.
 * The 50 MB file stays untracked (git lists untracked files too; hashing 50 MB would only cost
 * time). Returns the cases with their expected codes.
 */
export function writeHostileRepo(root: string): HostileCase[] {
  const cases: HostileCase[] = [];
  const put = (rel: string, text: string | Buffer) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  for (const [rel, text] of Object.entries(NORMAL)) put(rel, text);
  git(root, ['init', '-q', '-b', 'main']);
  commit(root, 'feat: a normal app', '2024-01-01T10:00:00Z');

  const names = new Set(readdirSync(BAD_INPUT));
  for (const [name, code] of COPIED) {
    if (!names.has(name)) throw new Error(`test/fixtures/bad-input/${name} is missing`);
    mkdirSync(join(root, 'hostile/bad-input'), { recursive: true });
    copyFileSync(join(BAD_INPUT, name), join(root, 'hostile/bad-input', name));
    cases.push({ name: name.replace(/\.yaml$/, ''), file: `hostile/bad-input/${name}`, code });
  }
  for (const [rel, text, name, code, line] of SMALL) {
    put(rel, text);
    cases.push({ name, file: rel, code, ...(line ? { line } : {}) });
  }
  put('hostile/many-kustomizations.yaml', Array.from({ length: MANY_KS }, (_, i) => ks(`many-${i}`, `  path: ./kubernetes/apps/default/whoami/app\n${i > 0 ? `  dependsOn:\n    - name: many-${i - 1}\n` : ''}${SOURCE}`)).join(''));
  cases.push({ name: `${MANY_KS}-kustomizations-in-one-file`, file: 'hostile/many-kustomizations.yaml', code: null });

  symlinkSync('loop-b.yaml', join(root, 'hostile/loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(root, 'hostile/loop-b.yaml'));
  cases.push({ name: 'symlink-loop', file: 'hostile/loop-a.yaml', code: 'SYMLINK_LOOP' });
  symlinkSync('/etc/passwd', join(root, 'hostile/passwd.yaml'));
  cases.push({ name: 'symlink-to-etc-passwd', file: 'hostile/passwd.yaml', code: 'SYMLINK_OUTSIDE_REPO' });

  put('ROADMAP.md', bigRoadmap(ROADMAP_MB * 1024 * 1024));
  cases.push({ name: `roadmap-${ROADMAP_MB}-mb`, file: 'ROADMAP.md', code: 'ROADMAP_TOO_LARGE', line: 1 });
  put('CHANGELOG.md', '# Changelog\n\n## 2024-02-01\n\n- <b>bold</b> <details><summary>raw</summary><table><tr><td>html</td></tr></table></details>\n- <div style="position:fixed;inset:0">overlay</div>\n');
  cases.push({ name: 'changelog-with-raw-html', file: 'CHANGELOG.md', code: null });
  commit(root, 'chore: <b>hostile</b> input <div>everywhere</div>', '2024-02-01T10:00:00Z');

  const line = 'key-0000000000: "some padding value to make the file large"\n';
  // Issue 22: what the export writes through, what stalls a parser, what blows up a diff.
  for (const c of writeIssue22Cases(root, put)) cases.push(c);

  put('hostile/huge-50mb.yaml', line.repeat(Math.ceil((HUGE_MB * 1024 * 1024) / line.length)));
  cases.push({ name: `yaml-${HUGE_MB}-mb`, file: 'hostile/huge-50mb.yaml', code: 'FILE_TOO_LARGE', line: 1 });
  return cases;
}

/** Where the dangling SECRETS-style link of the hostile repository points: beside the repository, outside it. */
export const OUTSIDE_TARGET = '../outside-written-by-export.md';
const TAG_LINES = 100_000;

/**
 * Issue 22's cases, written into the hostile repository after its second commit:
 * - export targets that must not be written through: an app README that is a dangling symlink
 *   out of the repository, a folder named README.md, a UTF-16 README;
 * - Markdown that stalls micromark (99 kB of `***a`, `a* `, `[[]]`, `[x](`);
 * - an SVG with a namespace-prefixed script and a DOCTYPE entity, used by a doc;
 * - a file of 140,000 tiny YAML documents;
 * - a commit that changes 200,000 `tag:` lines (100,000 removed, 100,000 added), then a commit
 *   that deletes the file, so the scan never parses it but the changelog's diff read sees it.
 */
function writeIssue22Cases(root: string, put: (rel: string, text: string | Buffer) => void): HostileCase[] {
  const cases: HostileCase[] = [];
  rmSync(join(root, 'hostile/README.md'), { force: true });
  symlinkSync(OUTSIDE_TARGET.replace('../', '../../'), join(root, 'hostile/README.md'));
  cases.push({ name: 'export-readme-dangling-symlink-out-of-repo', file: 'hostile/README.md', code: 'SYMLINK_BROKEN' });
  mkdirSync(join(root, 'hostile/odd/README.md/inner'), { recursive: true });
  put('hostile/odd/README.md/inner/notes.txt', 'a folder named README.md\n');
  cases.push({ name: 'export-folder-named-readme', file: 'hostile/odd/README.md', code: null });
  // (In the folder of the cluster's own app, cluster-apps, whose README the export writes.)
  put('kubernetes/flux/cluster/README.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Apps\r\n\r\nUTF-16 notes.\r\n', 'utf16le')]));
  cases.push({ name: 'export-utf16-readme', file: 'kubernetes/flux/cluster/README.md', code: null });
  for (const [name, unit] of [['stars', '***a'], ['a-star', 'a* '], ['brackets', '[[]]'], ['open-links', '[x](']] as const) {
    put(`docs/slow-${name}.md`, unit.repeat(Math.ceil(99_000 / unit.length)).slice(0, 99_000) + '\n');
    cases.push({ name: `markdown-99kb-${name}`, file: `docs/slow-${name}.md`, code: null });
  }
  put('docs/images.md', '# Images\n\n![evil](img/evil.svg)\n\n![entity](img/entity.svg)\n');
  put('docs/img/evil.svg', '<x:svg xmlns:x="http://www.w3.org/2000/svg"><x:script>alert(document.domain)</x:script></x:svg>\n');
  put('docs/img/entity.svg', '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>\n');
  cases.push({ name: 'svg-prefixed-script-and-doctype-entity', file: 'docs/images.md', code: null });
  put('hostile/many-tiny-docs.yaml', '---\na: 1\n'.repeat(140_000));
  cases.push({ name: '140000-tiny-documents', file: 'hostile/many-tiny-docs.yaml', code: 'YAML_TOO_MANY_DOCUMENTS', line: 1 });
  const values = (v: string) => `images:\n${Array.from({ length: TAG_LINES }, (_, i) => `  - tag: ${v}.${i}\n`).join('')}`;
  put('kubernetes/apps/default/whoami/app/big-values.yaml', values('1.0'));
  commit(root, 'chore: generated values', '2024-02-02T10:00:00Z');
  put('kubernetes/apps/default/whoami/app/big-values.yaml', values('2.0'));
  commit(root, 'chore: bump 100000 tags', '2024-02-03T10:00:00Z');
  rmSync(join(root, 'kubernetes/apps/default/whoami/app/big-values.yaml'));
  commit(root, 'chore: drop generated values', '2024-02-04T10:00:00Z');
  cases.push({ name: 'commit-changing-200000-tag-lines', file: '.', code: 'CHANGELOG_DIFF_TRUNCATED' });
  return cases;
}

/** A repository with no Kubernetes files at all: a README, one commit. */
export function writeReadmeOnlyRepo(root: string): void {
  writeFileSync(join(root, 'README.md'), '# Just a README\n\nNo manifests here.\n');
  git(root, ['init', '-q', '-b', 'main']);
  commit(root, 'docs: readme', '2024-01-01T10:00:00Z');
}

/** A roadmap in the seed format, repeated up to `bytes`. */
function bigRoadmap(bytes: number): string {
  const head = '# Roadmap\n\n## 🔴 HIGH PRIORITY\n\n';
  const item = (i: number) => `### H-${i}: Item number ${i}\n**Status**: Not Started\n**Priority**: HIGH\n**Effort**: 1 hour\n\nSome text that explains item ${i}.\n\n`;
  const parts = [head];
  let size = head.length;
  for (let i = 1; size < bytes; i++) {
    const s = item(i);
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync('git', ['-c', 'user.name=Hostile', '-c', 'user.email=hostile@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: 'ignore',
    env: { ...process.env, ...env },
  });
}

function commit(cwd: string, message: string, date: string): void {
  git(cwd, ['add', '-A']);
  git(cwd, ['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
}
