import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRepo, defaultCacheDir, kubectlVersion, summarize, type RepoReport } from '../../scripts/corpus-check/kustomize-oracle.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const VERSION = kubectlVersion();
const reason = !existsSync(CORPUS) ? 'the shared corpus is absent' : VERSION === null ? 'kubectl is not installed' : '';

/**
 * Differential test against the real kustomize: on every folder of the corpus with a kustomization
 * file that `kubectl kustomize` builds, our static build gives the same (apiVersion/kind, namespace,
 * name) set. kubectl's results are cached (scripts/corpus-check/kustomize-oracle.ts); a cold run
 * takes about a minute.
 */
describe.skipIf(reason !== '')(`kustomize oracle over the corpus${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('equals kubectl kustomize on every folder kustomize builds', { timeout: 600_000 }, async () => {
    const reports: RepoReport[] = [];
    for (const repo of readdirSync(CORPUS).sort()) {
      if (!existsSync(join(CORPUS, repo, 'corpus-meta.json'))) continue;
      reports.push(await checkRepo(join(CORPUS, repo), { cacheDir: defaultCacheDir(), version: VERSION! }));
    }
    const lines: string[] = [];
    const differing = summarize(reports, (l) => lines.push(l));
    const dirs = reports.flatMap((r) => r.dirs);
    // The corpus has hundreds of kustomize folders and kustomize builds most of them.
    expect(dirs.length).toBeGreaterThan(500);
    expect(dirs.filter((d) => d.state !== 'unbuildable').length).toBeGreaterThan(500);
    expect(differing, lines.join('\n')).toBe(0);
    // Every folder kustomize could not build has a reason taken from its error.
    for (const d of dirs.filter((x) => x.state === 'unbuildable')) expect(d.reason).toMatch(/^(?!other:)/);
  });
});
