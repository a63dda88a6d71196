/**
 * The one scan of a build. Every loader calls `getAtlas()`; the first call reads the repository
 * and runs the analyses, the others await the same promise. The memo lives on globalThis because
 * Astro may evaluate this module more than once in a process (config, content layer, dev server).
 *
 * To add an analysis, add it to analyse() (pure) or, when it needs I/O first, to computeAtlas().
 */
import { execFileSync } from 'node:child_process';
import { safeGitArgs, safeGitEnv } from '../repo/git-env.ts';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.ts';
import type { AtlasConfig } from '../config/schema.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyse, type Analysis } from '../analysis/index.ts';
import type { RoadmapData } from './roadmap-data.ts';
import type { ChangelogData } from './changelog-data.ts';
import type { ReadCache } from '../repo/scan.ts';
import { readSiteEnv } from '../lib/site/site-env.ts';
import { pinRepoUrl } from '../lib/site/urls.ts';
import { MarkdownStore } from '../markdown/store.ts';

/** The commit the site is built from; shown in the footer. Never the clock, so builds reproduce. */
export interface CommitInfo {
  sha: string;
  /** Committer date, ISO 8601 with offset. */
  date: string;
}

interface AtlasBase {
  model: RepoModel;
  config: AtlasConfig;
  repoRoot: string;
  commit: CommitInfo | null;
  /** Every Markdown file parsed once for the whole build, shared by all its readers (src/markdown/store.ts). */
  markdown: MarkdownStore;
}

/**
 * The whole build's data: the scan, the steps that need I/O (the roadmap and its git history, the
 * changelog from git, the repository's Markdown), and
 * the pure analyses over them, whose findings are merged into `model.findings` for the pages.
 */
export interface Atlas extends AtlasBase {
  analysis: Analysis;
  roadmap: RoadmapData;
  changelog: ChangelogData;
}

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MEMO = Symbol.for('gitops-atlas.atlas');
type Memo = { key: string; promise: Promise<Atlas> };
const slot = globalThis as unknown as Record<symbol, Memo | undefined>;

/** `git log -1` of the repo; null when it is not a git work tree or has no commit. */
export function readCommit(repoRoot: string): CommitInfo | null {
  try {
    const out = execFileSync('git', safeGitArgs(repoRoot, ['log', '-1', '--format=%H%x1f%cI']), {
      env: safeGitEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const [sha, date] = out.split('\x1f');
    return sha && date ? { sha, date } : null;
  } catch {
    return null;
  }
}

/**
 * Scan a repository and compute everything its site, exports and `atlas check` show. Shared by the
 * loaders (through getAtlas) and the CLI, so both see the same findings.
 */
export async function computeAtlas(
  repoRoot: string,
  config: AtlasConfig,
  options: { progress?: (done: number, total: number) => void; parsed?: import('../repo/read-yaml.ts').ParseCache } = {},
): Promise<Atlas> {
  // Imported lazily so that astro.config.mjs and pages that only need the env stay light.
  const { scanRepo } = await import('../repo/scan.ts');
  const { computeRoadmapData } = await import('./roadmap-data.ts');
  const { model } = await scanRepo(repoRoot, config, { cache: devReadCache(), ...(options.progress ? { progress: options.progress } : {}), ...(options.parsed ? { parsed: options.parsed } : {}) });
  const base: AtlasBase = { model, config, repoRoot, commit: readCommit(repoRoot), markdown: new MarkdownStore() };
  const { computeChangelog } = await import('./changelog-data.ts');
  const { docsFindings } = await import('../lib/site/repo-markdown.ts');
  const { readPreinstalled } = await import('../repo/bootstrap-read.ts');
  const [roadmap, changelog, preinstalled] = await Promise.all([computeRoadmapData(base), computeChangelog(base), readPreinstalled(repoRoot, model.files)]);
  const analysis = analyse(model, config, { extraFindings: [...roadmap.findings, ...changelog.findings, ...docsFindings(base)], preinstalled });
  // The planning view (deep dives answered, proposed items) reads the analyses' results.
  const { withPlanning } = await import('./roadmap-data.ts');
  const facts = { model, health: analysis.health, secrets: analysis.secrets, findings: analysis.findings, runbookFolders: config.runbooks };
  const planned = withPlanning(roadmap, facts, base.commit?.date.slice(0, 10) ?? null);
  // Pages read findings from the model: give them every analysis' findings, not only the scan's.
  return { ...base, analysis, roadmap: planned, changelog, model: { ...model, findings: analysis.findings } };
}

/**
 * In dev (astro dev), a scan after a save re-reads only the files that changed; a build or a CLI run
 * reads everything once and keeps nothing.
 */
function devReadCache(): ReadCache | undefined {
  const dev = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true || process.env.ATLAS_DEV_CACHE === '1';
  if (!dev) return undefined;
  const slot = globalThis as unknown as Record<symbol, ReadCache | undefined>;
  return (slot[READ_CACHE] ??= new Map());
}
const READ_CACHE = Symbol.for('gitops-atlas.read-cache');

/**
 * The site's Atlas: source links pinned to the commit it is built from (pinRepoUrl), so a line
 * number stays right after the file changes. Exports (computeAtlas from the CLI) keep the branch:
 * a pinned link in a committed README would be out of date with every commit.
 */
async function compute(repoRoot: string, overrides: Record<string, unknown>): Promise<Atlas> {
  const atlas = await computeAtlas(repoRoot, loadConfig(repoRoot, overrides));
  const repoUrl = pinRepoUrl(atlas.config.repoUrl, atlas.commit?.sha);
  return repoUrl === atlas.config.repoUrl ? atlas : { ...atlas, config: { ...atlas.config, repoUrl } };
}

/** The scan and analyses for the repository named by ATLAS_REPO (see site-env.ts), memoised. */
export function getAtlas(): Promise<Atlas> {
  const env = readSiteEnv(PROJECT_ROOT);
  const key = JSON.stringify([env.repo, env.overrides]);
  const memo = slot[MEMO];
  if (memo && memo.key === key) return memo.promise;
  const promise = compute(env.repo, env.overrides);
  slot[MEMO] = { key, promise };
  // A failed scan must not stay cached: the next call (e.g. after a fix in dev) tries again.
  promise.catch(() => {
    if (slot[MEMO]?.promise === promise) slot[MEMO] = undefined;
  });
  return promise;
}

/** Forget the memo (dev mode, after a file under the repository changed). */
export function invalidateAtlas(): void {
  slot[MEMO] = undefined;
}
