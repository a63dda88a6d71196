/**
 * The one scan of a build. Every loader calls `getAtlas()`; the first call reads the repository
 * and runs the analyses, the others await the same promise. The memo lives on globalThis because
 * Astro may evaluate this module more than once in a process (config, content layer, dev server).
 *
 * To add an analysis, add one line to `analyses` below: its result appears on the Atlas object
 * under the same key, typed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.ts';
import type { AtlasConfig } from '../config/schema.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyse } from '../analysis/index.ts';
import { readSiteEnv } from '../lib/site/site-env.ts';

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
 * Analyses over the model, one line each: `name: (base) => result`. Keep them pure (src/analysis).
 * e.g. `graph: ({ model }) => buildGraph(model).result,`
 */
const analyses = {
  analysis: ({ model, config }) => analyse(model, config),
} satisfies Record<string, (base: AtlasBase) => unknown>;

type Analyses = { [K in keyof typeof analyses]: ReturnType<(typeof analyses)[K]> };
export type Atlas = AtlasBase & Analyses;

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MEMO = Symbol.for('gitops-atlas.atlas');
type Memo = { key: string; promise: Promise<Atlas> };
const slot = globalThis as unknown as Record<symbol, Memo | undefined>;

/** `git log -1` of the repo; null when it is not a git work tree or has no commit. */
export function readCommit(repoRoot: string): CommitInfo | null {
  try {
    const out = execFileSync('git', ['-C', repoRoot, 'log', '-1', '--format=%H%x1f%cI'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const [sha, date] = out.split('\x1f');
    return sha && date ? { sha, date } : null;
  } catch {
    return null;
  }
}

async function compute(repoRoot: string, overrides: Record<string, unknown>): Promise<Atlas> {
  const config = loadConfig(repoRoot, overrides);
  // Imported lazily so that astro.config.mjs and pages that only need the env stay light.
  const { scanRepo } = (await import('../repo/scan.ts')) as {
    scanRepo: (root: string, config: AtlasConfig) => Promise<{ model: RepoModel }>;
  };
  const { model } = await scanRepo(repoRoot, config);
  const base: AtlasBase = { model, config, repoRoot, commit: readCommit(repoRoot) };
  const results = Object.fromEntries(Object.entries(analyses).map(([k, run]) => [k, (run as (b: AtlasBase) => unknown)(base)])) as Analyses;
  // Pages read findings from the model: give them every analysis' findings, not only the scan's.
  return { ...base, ...results, model: { ...model, findings: results.analysis.findings } };
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
