/**
 * The hand-written Markdown of the docs-heavy synthetic repository (issue 19): a docs/ folder of
 * about 80 files and 1.5 MB, the shape of a real homelab repository whose build cost 6.4x a plain
 * Starlight site. Each file has front matter, headings, paragraphs, tables, YAML and shell code
 * blocks, links to other docs (some to a heading of theirs) and links to the apps' manifests and
 * folders. Every link resolves: the benchmark measures the cost of rendering, not of findings.
 * Deterministic: the same layout, options and seed give the same bytes.
 */
import { posix } from 'node:path';
import { slug } from 'github-slugger';
import { appDir, rng } from './layout.ts';
import type { SyntheticLayout } from './layout.ts';

export interface DocsOptions {
  /** Number of Markdown files under docs/ (at least 10). */
  files: number;
  /** Their total size in bytes (within a few percent). */
  bytes: number;
  seed?: number;
}

const TOPICS = ['networking', 'storage', 'backups', 'secrets', 'observability', 'upgrades', 'bootstrap', 'dns', 'certificates', 'ingress', 'databases', 'gpu', 'power', 'hardware', 'access', 'alerts'];
const VERBS = ['reconciles', 'restores', 'rotates', 'mounts', 'scrapes', 'renews', 'schedules', 'drains', 'replicates', 'exports', 'prunes', 'encrypts'];
const NOUNS = ['the volume', 'the release', 'the certificate', 'the snapshot', 'the node pool', 'the secret store', 'the ingress route', 'the database cluster', 'the recurring job', 'the dashboard'];
const WHEN = ['every hour', 'after each upgrade', 'before a node drains', 'when Renovate opens a pull request', 'on the first of the month', 'once the health check passes'];

interface DocFile {
  path: string;
  title: string;
  /** Section headings, in order (the first is always "Overview"). */
  headings: string[];
}

/** The files of the docs tree: an index, architecture notes, one page per app, runbooks and guides. */
function planFiles(layout: SyntheticLayout, files: number): DocFile[] {
  const out: DocFile[] = [{ path: 'docs/README.md', title: 'Cluster documentation', headings: [] }];
  const architecture = Math.max(2, Math.round(files * 0.12));
  const runbooks = Math.max(2, Math.round(files * 0.18));
  const apps = Math.min(layout.apps.length, Math.max(1, files - 1 - architecture - runbooks - Math.round(files * 0.1)));
  for (let i = 0; i < architecture; i++) out.push({ path: `docs/architecture/${TOPICS[i % TOPICS.length]}${i >= TOPICS.length ? `-${i}` : ''}.md`, title: `Architecture: ${TOPICS[i % TOPICS.length]}`, headings: [] });
  for (const a of layout.apps.slice(0, apps)) out.push({ path: `docs/apps/${a.name}.md`, title: `App: ${a.name}`, headings: [] });
  for (let i = 0; i < runbooks; i++) out.push({ path: `docs/runbooks/restore-${TOPICS[i % TOPICS.length]}${i >= TOPICS.length ? `-${i}` : ''}.md`, title: `Runbook: restore ${TOPICS[i % TOPICS.length]}`, headings: [] });
  for (let i = 0; out.length < files; i++) out.push({ path: `docs/guides/guide-${String(i + 1).padStart(2, '0')}.md`, title: `Guide ${i + 1}: ${TOPICS[i % TOPICS.length]}`, headings: [] });
  return out.slice(0, Math.max(files, 10));
}

/** A relative link from one repo file to another (both repo-relative POSIX paths). */
function rel(from: string, to: string): string {
  return posix.relative(posix.dirname(from), to) || posix.basename(to);
}

/** The Markdown files of the docs tree, path -> text. */
export function docsFiles(layout: SyntheticLayout, options: DocsOptions): Map<string, string> {
  const rand = rng((options.seed ?? 42) ^ 0xd0c5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const docs = planFiles(layout, Math.max(10, options.files));
  // Skewed sizes, as in a real repository: a few long pages, many short ones.
  const weights = docs.map(() => 0.25 + rand() ** 2 * 3);
  const sum = weights.reduce((s, w) => s + w, 0);
  const targets = weights.map((w) => Math.round((w / sum) * options.bytes));
  // The headings of every file are fixed before any text is written, so links can name them.
  docs.forEach((d, i) => {
    const sections = Math.max(2, Math.round(targets[i]! / 1400));
    d.headings = ['Overview', ...Array.from({ length: sections - 1 }, (_, k) => `Step ${k + 1}: ${pick(VERBS)} ${pick(TOPICS)}`)];
  });
  const appByDoc = new Map(layout.apps.map((a) => [`docs/apps/${a.name}.md`, a]));
  const out = new Map<string, string>();
  docs.forEach((d, i) => {
    const parts = [`---\ntitle: "${d.title}"\ndescription: "Notes on ${d.title.toLowerCase()} in the synthetic cluster."\n---\n\n`];
    let size = parts[0]!.length;
    const push = (s: string) => (parts.push(s), (size += Buffer.byteLength(s)));
    const app = appByDoc.get(d.path);
    const docLink = () => {
      const other = docs[Math.floor(rand() * docs.length)]!;
      const to = other === d ? docs[(i + 1) % docs.length]! : other;
      const anchor = rand() < 0.4 ? `#${slug(to.headings[Math.floor(rand() * to.headings.length)]!)}` : '';
      return `[${to.title}](${rel(d.path, to.path)}${anchor})`;
    };
    const manifestLink = () => {
      const a = app ?? pick(layout.apps);
      return rand() < 0.5
        ? `[${a.name}'s HelmRelease](${rel(d.path, `${appDir(a)}/helmrelease.yaml`)})`
        : `[the ${a.name} folder](${rel(d.path, appDir(a))})`;
    };
    for (let h = 0; h < d.headings.length || size < targets[i]!; h++) {
      const heading = d.headings[h];
      if (heading === undefined) {
        // Past the planned headings, keep writing paragraphs until the size is reached.
        push(`${sentence()} ${sentence()} See ${docLink()}.\n\n`);
        continue;
      }
      push(`## ${heading}\n\n`);
      push(`${sentence()} ${sentence()} ${sentence()} It links to ${docLink()} and ${manifestLink()}.\n\n`);
      if (h === 0 && d.path === 'docs/README.md') push(docs.slice(1).map((o) => `- [${o.title}](${rel(d.path, o.path)})\n`).join('') + '\n');
      switch (h % 3) {
        case 0:
          push(table());
          break;
        case 1:
          push(yamlBlock(app ?? pick(layout.apps)));
          break;
        default:
          push('```sh\n' + `flux reconcile kustomization ${(app ?? pick(layout.apps)).name} --with-source\nkubectl -n ${(app ?? pick(layout.apps)).namespace} get pods -o wide\n` + '```\n\n');
      }
      push(`- ${sentence()}\n- ${sentence()} (${manifestLink()})\n- ${sentence()}\n\n`);
    }
    out.set(d.path, parts.join(''));
  });
  return out;

  function sentence(): string {
    return `The controller ${pick(VERBS)} ${pick(NOUNS)} ${pick(WHEN)}, and ${pick(NOUNS)} ${pick(VERBS)} ${pick(NOUNS)} ${Math.floor(rand() * 90) + 10} times a week.`;
  }
  function table(): string {
    const rows = Array.from({ length: 6 }, (_, r) => `| ${pick(TOPICS)}-${r} | ${pick(VERBS)} | ${pick(WHEN)} | \`${Math.floor(rand() * 1000)}\` |`);
    return `| name | action | when | limit |\n|---|---|---|---:|\n${rows.join('\n')}\n\n`;
  }
  function yamlBlock(a: SyntheticLayout['apps'][number]): string {
    return '```yaml\n' + `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${a.name}\n  namespace: ${a.namespace}\nspec:\n  interval: 1h\n  values:\n    controllers:\n      ${a.name}:\n        containers:\n          app:\n            image:\n              repository: ${a.image}\n` + '```\n\n';
  }
}
