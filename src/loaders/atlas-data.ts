/**
 * The one scan of a build. Every loader calls `getAtlas()`; the first call runs the pipeline
 * (computeAtlas, src/pipeline/atlas.ts), the others await the same promise. The memo lives on
 * globalThis because Astro may evaluate this module more than once in a process (config, content
 * layer, dev server).
 */
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load.ts';
import { computeAtlas, type Atlas } from '../pipeline/atlas.ts';
import type { ReadCache } from '../repo/scan.ts';
import { readSiteEnv } from '../lib/site/site-env.ts';
import { pinRepoUrl } from '../lib/site/urls.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MEMO = Symbol.for('gitops-atlas.atlas');
type Memo = { key: string; promise: Promise<Atlas> };
const slot = globalThis as unknown as Record<symbol, Memo | undefined>;

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
  const atlas = await computeAtlas(repoRoot, loadConfig(repoRoot, overrides), { cache: devReadCache() });
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
