/**
 * The one scan of a build. Every loader and page asks for the Atlas of the site's settings
 * (`getAtlas()` reads them from the integration's virtual module, `atlasFor(settings)` takes them);
 * the first call reads the repository and runs the analyses, the others await the same promise.
 *
 * To add an analysis, add it to analyse() (pure) or, when it needs I/O first, to computeAtlas().
 */
import { execFileSync } from 'node:child_process';
import { safeGitArgs, safeGitEnv } from '../repo/git-env.ts';
import { loadConfig } from '../config/load.ts';
import type { AtlasConfig } from '../config/schema.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyse, type Analysis } from '../analysis/index.ts';
import type { RoadmapData } from './roadmap-data.ts';
import type { ChangelogData } from './changelog-data.ts';
import type { ReadCache } from '../repo/scan.ts';
import { type AtlasSettings, atlasKey } from '../integration/settings.ts';
import { pinRepoUrl } from '../lib/site/urls.ts';

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
  options: { progress?: (done: number, total: number) => void; parsed?: import('../repo/read-yaml.ts').ParseCache; cache?: ReadCache } = {},
): Promise<Atlas> {
  // Imported lazily so that astro.config.mjs and pages that only need the env stay light.
  const { scanRepo } = await import('../repo/scan.ts');
  const { computeRoadmapData } = await import('./roadmap-data.ts');
  const { model } = await scanRepo(repoRoot, config, { ...(options.cache ? { cache: options.cache } : {}), ...(options.progress ? { progress: options.progress } : {}), ...(options.parsed ? { parsed: options.parsed } : {}) });
  const base: AtlasBase = { model, config, repoRoot, commit: readCommit(repoRoot) };
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
 * The site's Atlas: source links pinned to the commit it is built from (pinRepoUrl), so a line
 * number stays right after the file changes. Exports (computeAtlas from the CLI) keep the branch:
 * a pinned link in a committed README would be out of date with every commit.
 */
async function compute(settings: AtlasSettings, cache: ReadCache | undefined): Promise<Atlas> {
  const atlas = await computeAtlas(settings.repo, loadConfig(settings.repo, settings.overrides), cache ? { cache } : {});
  const repoUrl = pinRepoUrl(atlas.config.repoUrl, atlas.commit?.sha);
  return repoUrl === atlas.config.repoUrl ? atlas : { ...atlas, config: { ...atlas.config, repoUrl } };
}

/**
 * The process-wide registry of Atlases, by settings (atlasKey): the project's one globalThis slot.
 * It cannot be a module-level Map, because Astro evaluates this module more than once in a process
 * (the config, the content layer, each prerender chunk, the dev server's module graph) and
 * scripts/build-site.ts reads the Atlas the build used from its own copy of the module; all of them
 * must share one scan. Every other memo hangs on the Atlas object itself (WeakMap), so a new scan
 * starts them afresh. An entry also keeps the dev read cache (settings.devCache) across scans.
 */
interface Entry {
  promise: Promise<Atlas> | undefined;
  readCache: ReadCache | undefined;
}
const REGISTRY = Symbol.for('gitops-atlas.atlases');

function registry(): Map<string, Entry> {
  const slot = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
  return (slot[REGISTRY] ??= new Map());
}

/** The scan and analyses for these settings, memoised (one scan per settings per process). */
export function atlasFor(settings: AtlasSettings): Promise<Atlas> {
  const key = atlasKey(settings);
  const atlases = registry();
  let entry = atlases.get(key);
  if (!entry) atlases.set(key, (entry = { promise: undefined, readCache: undefined }));
  if (entry.promise) return entry.promise;
  // In dev, a scan after a save re-reads only the files that changed.
  if (settings.devCache) entry.readCache ??= new Map();
  const promise = compute(settings, settings.devCache ? entry.readCache : undefined);
  entry.promise = promise;
  // A failed scan must not stay cached: the next call (e.g. after a fix in dev) tries again.
  promise.catch(() => {
    if (entry.promise === promise) entry.promise = undefined;
  });
  return promise;
}

/**
 * The Atlas of the site being built or served: its settings come from the integration's virtual
 * module (src/integration/atlas-integration.ts), so this runs only inside Astro. Imported lazily,
 * because the CLI imports this file too and plain Node cannot resolve a virtual module.
 */
export async function getAtlas(): Promise<Atlas> {
  const { default: settings } = await import('virtual:gitops-atlas/settings');
  return atlasFor(settings);
}

/**
 * Forget the memoised Atlas of these settings, or of every settings (dev mode, after a file under
 * the repository changed). The dev read cache stays: it knows by itself which files changed.
 */
export function invalidateAtlas(settings?: AtlasSettings): void {
  for (const [key, entry] of registry()) if (!settings || key === atlasKey(settings)) entry.promise = undefined;
}
