/**
 * A docs-heavy repository: the example homelab (a small Flux repository) plus N hand-written Markdown
 * files (default 80, about 1.5 MB in all) under docs/ and docs/runbooks/, shaped like the docs of real
 * home-ops repositories: headings, tables, fenced code, lists, links between the docs (with
 * #anchors), links to app folders and manifests, images. Deterministic (seeded), committed to git.
 *
 *   node test/support/docs-heavy.ts --out /tmp/docs-heavy [--files 80] [--kb 19]
 *
 * Used to measure what the Markdown costs (`atlas check` against `atlas scan`, issue 19) and, small,
 * by the parse-once test.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gitWorkTree } from './git-repo.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/homelab', import.meta.url));

/** App folders and manifests of the example that the docs link to. */
const APP_DIRS = [
  'kubernetes/apps/database/cloudnative-pg',
  'kubernetes/apps/productivity/paperless',
  'kubernetes/apps/productivity/n8n',
  'kubernetes/apps/ai/ollama',
  'kubernetes/apps/media/jellyfin',
  'kubernetes/apps/observability/grafana',
  'kubernetes/apps/storage/longhorn',
  'kubernetes/apps/network/ingress-nginx',
];
const MANIFESTS = [
  'kubernetes/apps/database/cloudnative-pg/cluster/cluster.yaml',
  'kubernetes/apps/ai/ollama/app/helmrelease.yaml',
  'kubernetes/flux/cluster/ks.yaml',
  'kubernetes/flux/vars/cluster-settings.yaml',
];

/** A 1x1 PNG (valid signature and IHDR), for the images the docs show. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface DocsHeavyOptions {
  /** Markdown files to write (default 80). */
  files?: number;
  /** Approximate size of each file in KB (default 19: 80 files ~ 1.5 MB). */
  kb?: number;
  seed?: number;
  /** Make a git repository with one commit (default true). */
  git?: boolean;
}

export interface DocsHeavyRepo {
  root: string;
  /** Repo-relative paths of the generated Markdown files. */
  docs: string[];
  bytes: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('the cluster node backup restore volume snapshot secret flux kustomization release chart '
  + 'ingress gateway route certificate database replica storage class namespace policy operator '
  + 'upgrade rollback alert metric dashboard schedule retention bucket key rotation network').split(' ');

/** Repo-relative path of doc i: a third are runbooks, the rest sit in topic folders of docs/. */
function docPath(i: number): string {
  if (i === 0) return 'docs/index.md';
  if (i % 3 === 0) return `docs/runbooks/runbook-${String(i).padStart(3, '0')}.md`;
  return `docs/topic-${i % 5}/page-${String(i).padStart(3, '0')}.md`;
}

/** A link from `from` to `to`, relative the way a person writes it on GitHub. */
function relative(from: string, to: string): string {
  const a = dirname(from).split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i += 1;
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

function sentence(rand: () => number, n = 12): string {
  const words: string[] = [];
  for (let i = 0; i < n; i += 1) words.push(WORDS[Math.floor(rand() * WORDS.length)] ?? 'flux');
  const first = words[0] ?? 'flux';
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

/** One section: a heading, paragraphs with inline code, emphasis and links, a table, a code block, a list. */
function section(i: number, s: number, count: number, rand: () => number): string {
  const self = docPath(i);
  const other = Math.floor(rand() * count);
  const otherPath = docPath(other);
  const app = APP_DIRS[Math.floor(rand() * APP_DIRS.length)] ?? APP_DIRS[0];
  const manifest = MANIFESTS[Math.floor(rand() * MANIFESTS.length)] ?? MANIFESTS[0];
  const lines = [
    `## Section ${s}: ${sentence(rand, 3).slice(0, -1)}`,
    '',
    `${sentence(rand)} See [page ${other}](${relative(self, otherPath)}#section-${s % 3}-overview) and the `
      + `[app folder](${relative(self, `${app}/`)}), its [manifest](${relative(self, manifest as string)}). `
      + `Run \`flux reconcile ks ${WORDS[s % WORDS.length]}\` **after** the _change_. ${sentence(rand, 20)}`,
    '',
    `${sentence(rand, 30)} ${sentence(rand, 25)}`,
    '',
    '| item | value | note |',
    '|---|---|---|',
  ];
  for (let r = 0; r < 6; r += 1) lines.push(`| \`${WORDS[(s + r) % WORDS.length]}\` | ${Math.floor(rand() * 1000)} | ${sentence(rand, 6)} |`);
  lines.push('', '```yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1', 'kind: Kustomization', 'metadata:', `  name: app-${i}-${s}`, 'spec:', '  interval: 1h', `  path: ./${app}/app`, '  prune: true', '```', '');
  for (let r = 0; r < 4; r += 1) lines.push(`- ${sentence(rand, 10)} \`${WORDS[r]}\``);
  lines.push('');
  if (s % 4 === 1) lines.push(`![diagram ${s}](${relative(self, `docs/images/diagram-${s % 3}.png`)})`, '');
  return lines.join('\n');
}

/** The text of doc i, about `kb` KB; its first sections are titled so other docs' #anchors resolve. */
function docText(i: number, count: number, kb: number, seed = 42): string {
  const rand = rng(seed * 7919 + i);
  const parts = [`# Document ${i}`, '', sentence(rand, 20), ''];
  for (let s = 0; s < 3; s += 1) parts.push(`## Section ${s} overview`, '', sentence(rand, 15), '');
  let s = 0;
  let size = parts.join('\n').length;
  while (size < kb * 1024) {
    const text = section(i, s, count, rand);
    parts.push(text);
    size += text.length + 1;
    s += 1;
  }
  return `${parts.join('\n')}\n`;
}

/** Writes the repository at `out` (removed first). */
export function generateDocsHeavy(out: string, options: DocsHeavyOptions = {}): DocsHeavyRepo {
  const root = resolve(out);
  const count = options.files ?? 80;
  const kb = options.kb ?? 19;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(EXAMPLE, root, { recursive: true });
  for (let n = 0; n < 3; n += 1) {
    mkdirSync(join(root, 'docs/images'), { recursive: true });
    writeFileSync(join(root, `docs/images/diagram-${n}.png`), PNG);
  }
  const docs: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const path = docPath(i);
    const text = docText(i, count, kb, options.seed ?? 42);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    docs.push(path);
    bytes += Buffer.byteLength(text);
  }
  if (options.git !== false) {
    const tree = gitWorkTree(root);
    tree.git(['init', '-q', '-b', 'main']);
    tree.commit('docs: a docs-heavy repository', '2025-01-01T00:00:00Z');
  }
  return { root, docs, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' }, files: { type: 'string' }, kb: { type: 'string' } } });
  const repo = generateDocsHeavy(values.out ?? '/tmp/docs-heavy', {
    ...(values.files ? { files: Number(values.files) } : {}),
    ...(values.kb ? { kb: Number(values.kb) } : {}),
  });
  console.log(`${repo.root}: ${repo.docs.length} Markdown files, ${(repo.bytes / 1024 / 1024).toFixed(2)} MB`);
}
