import { resolve } from 'node:path';
import { buildSite } from '../build-site.ts';
import { type CliValues, type CommandSpec, configOverrides, emptyRepoHint } from '../cli-args.ts';

const EXAMPLE = resolve(import.meta.dirname, '../../examples/homelab');

export const spec: CommandSpec = {
  name: 'build',
  summary: 'Build the static site (default: the embedded example repository into dist/)',
  flags: [
    { flags: '--out <dir>', description: 'output folder, anywhere (default: dist/ of this project, or ATLAS_OUT)' },
    { flags: '--site <url>', description: 'public site URL, e.g. https://me.github.io (or ATLAS_SITE)' },
    { flags: '--base <path>', description: 'base path, e.g. /home-ops (or ATLAS_BASE)' },
    { flags: '--cache-dir <dir>', description: "Astro's cache folder (default: ATLAS_CACHE_DIR or Astro's own)" },
  ],
  examples: ['atlas build --repo ../home-ops --out site', 'atlas build --repo . --out site --site https://me.github.io --base /home-ops'],
  exitCodes: { 0: 'the site was built (findings are listed, they do not fail the build)' },
  repo: (v) => (v.repo ? { path: v.repo, label: '--repo' } : process.env.ATLAS_REPO ? { path: process.env.ATLAS_REPO, label: 'ATLAS_REPO' } : { path: EXAMPLE, label: '--repo' }),
  run: buildCommand,
};

/**
 * `atlas build --repo PATH [--out DIR] [--site URL] [--base /path]`: the static site.
 * `npm run build` with no flags builds examples/homelab (or ATLAS_REPO) into dist/.
 */
export async function buildCommand(v: CliValues): Promise<number> {
  const repo = v.repo ?? process.env.ATLAS_REPO ?? EXAMPLE;
  const started = performance.now();
  process.stderr.write(`atlas: building the site for ${repo}\n`);
  const options = {
    repo,
    out: v.out ?? process.env.ATLAS_OUT,
    site: v.site ?? process.env.ATLAS_SITE,
    base: v.base ?? process.env.ATLAS_BASE,
    config: configOverrides(v),
    cacheDir: v['cache-dir'],
    logLevel: v.quiet ? ('error' as const) : ('info' as const),
  };
  // The summary of findings comes from the atlas the build itself used.
  const atlas = await buildSite(options);
  const hint = atlas && emptyRepoHint(atlas.model, repo);
  if (hint) process.stderr.write(hint);
  if (atlas) {
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const f of atlas.model.findings) bySeverity[f.severity]++;
    process.stderr.write(
      `atlas: ${atlas.model.apps.length} apps; findings: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info; ` +
        `built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return 0;
}
