/**
 * The synthetic repository of the benchmark: N apps (default 1,000) across ~40 namespaces in the
 * layouts real home-ops repositories use, and a git history of M commits (default 200) made with
 * one `git fast-import` (10,000 commits in seconds, where a `git commit` per commit takes minutes).
 *
 *   node scripts/bench/generate.ts --out /tmp/bench-repo [--apps 1000] [--commits 200] [--seed 42]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { docsFiles, type DocsOptions } from './docs.ts';
import type { AppVersions } from './manifests.ts';
import { planApps, repoFiles, rng, versionedFiles, type SyntheticLayout } from './layout.ts';

export interface GenerateOptions {
  apps?: number;
  commits?: number;
  seed?: number;
  /** Also write a docs/ tree of hand-written Markdown (scripts/bench/docs.ts). */
  docs?: Omit<DocsOptions, 'seed'>;
}

/**
 * The docs-heavy repository of issue 19: a few dozen apps and 80 Markdown files of 1.5 MB in all,
 * the shape of the real homelab repository whose build was 6.4x a plain Starlight site.
 */
export const DOCS_HEAVY: GenerateOptions = { apps: 36, commits: 60, docs: { files: 80, bytes: 1_500_000 } };

export interface GeneratedRepo {
  root: string;
  layout: SyntheticLayout;
  files: number;
  yamlBytes: number;
  /** Markdown files and bytes written (the docs tree, ROADMAP.md, README.md). */
  markdownFiles: number;
  markdownBytes: number;
  commits: number;
}

/** 2025-01-01T00:00:00Z: commits are spaced an hour apart from here, never from the clock. */
const EPOCH = 1_735_689_600;

function bump(v: AppVersions, rand: () => number): { next: AppVersions; what: 'image' | 'chart' } {
  if (rand() < 0.8) {
    const [maj, min, patch] = v.tag.split('.').map(Number) as [number, number, number];
    const tag = rand() < 0.8 ? `${maj}.${min}.${patch + 1}` : `${maj}.${min + 1}.0`;
    return { next: { ...v, tag }, what: 'image' };
  }
  const [maj, min] = v.chart.split('.').map(Number) as [number, number];
  return { next: { ...v, chart: `${maj}.${min + 1}.0` }, what: 'chart' };
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/**
 * The fast-import stream: the first commit adds the repository at its initial versions, each later
 * commit bumps one app (Renovate-style message) and rewrites only that app's versioned files.
 * Mutates `layout.versions` to the final state, which is what the caller writes to disk.
 */
function historyStream(layout: SyntheticLayout, commits: number, seed: number, extra: ReadonlyMap<string, string>): string {
  const rand = rng(seed ^ 0x5eed);
  const parts: string[] = [];
  const commit = (n: number, message: string, files: Iterable<[string, string]>) => {
    parts.push(`commit refs/heads/main\nmark :${n}\ncommitter Bench Bot <bench@example.invalid> ${EPOCH + n * 3600} +0000\n${data(message)}`);
    for (const [path, text] of files) parts.push(`M 100644 inline ${path}\n${data(text)}`);
    parts.push('\n');
  };
  commit(1, 'feat: initial cluster', [...repoFiles(layout), ...extra]);
  for (let n = 2; n <= commits; n++) {
    const a = layout.apps[Math.floor(rand() * layout.apps.length)]!;
    const before = layout.versions.get(a.name)!;
    const { next, what } = bump(before, rand);
    layout.versions.set(a.name, next);
    const message = what === 'image'
      ? `fix(container): update image ${a.image} ( ${before.tag} → ${next.tag} )`
      : `feat(helm): update chart app-template ( ${before.chart} → ${next.chart} )`;
    commit(n, message, versionedFiles(a, next));
  }
  return parts.join('');
}

/** Write the repository into `root` (emptied first). With commits > 0 it is a git work tree at HEAD. */
export function generateRepo(root: string, options: GenerateOptions = {}): GeneratedRepo {
  const seed = options.seed ?? 42;
  const commits = options.commits ?? 200;
  const layout = planApps({ apps: options.apps ?? 1000, seed });
  // The docs describe the apps as planned; they do not change over the history.
  const extra = options.docs ? docsFiles(layout, { ...options.docs, seed }) : new Map<string, string>();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  if (commits > 0) {
    const git = (args: string[], input?: string) =>
      execFileSync('git', ['-C', root, ...args], { input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    git(['init', '-q', '-b', 'main']);
    git(['fast-import', '--quiet'], historyStream(layout, commits, seed, extra));
  }
  const files = new Map([...repoFiles(layout), ...extra]);
  let yamlBytes = 0;
  let markdownFiles = 0;
  let markdownBytes = 0;
  for (const [path, text] of files) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    if (/\.ya?ml$/.test(path)) yamlBytes += Buffer.byteLength(text);
    if (path.endsWith('.md')) (markdownFiles++, (markdownBytes += Buffer.byteLength(text)));
  }
  // The work tree now equals HEAD's tree; a mixed reset fills the index so `git status` is clean.
  if (commits > 0) execFileSync('git', ['-C', root, 'reset', '-q'], { stdio: 'ignore' });
  return { root, layout, files: files.size, yamlBytes, markdownFiles, markdownBytes, commits };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' }, apps: { type: 'string' }, commits: { type: 'string' }, seed: { type: 'string' }, 'docs-heavy': { type: 'boolean' },
    },
  });
  if (!values.out) {
    process.stderr.write('Usage: node scripts/bench/generate.ts --out DIR [--apps N] [--commits M] [--seed S] [--docs-heavy]\n');
    process.exit(2);
  }
  const started = performance.now();
  const preset = values['docs-heavy'] ? DOCS_HEAVY : {};
  const repo = generateRepo(resolve(values.out), {
    ...preset,
    apps: values.apps ? Number(values.apps) : preset.apps,
    commits: values.commits ? Number(values.commits) : preset.commits,
    seed: values.seed ? Number(values.seed) : undefined,
  });
  process.stderr.write(
    `generated ${repo.layout.apps.length} apps, ${repo.files} files (${(repo.yamlBytes / 1e6).toFixed(1)} MB YAML, ` +
      `${repo.markdownFiles} Markdown files of ${(repo.markdownBytes / 1e6).toFixed(2)} MB), ${repo.commits} commits in ${Math.round(performance.now() - started)} ms: ${repo.root}\n`,
  );
}
