import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildSite, leakedBuildEnv, productionEnv } from '../build-site.ts';
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
 * This is the command-line edge: the documented variables (ATLAS_REPO, ATLAS_OUT, ATLAS_SITE,
 * ATLAS_BASE, ATLAS_CACHE_DIR, ATLAS_COPY_TEMPLATE) are read here, and only here, into explicit
 * options for buildSite; nothing writes process.env (Astro's telemetry is switched off on its own
 * object: buildSite, quietAstroTelemetry).
 */
export async function buildCommand(v: CliValues): Promise<number> {
  // Read, never written: the documented variables become explicit options here.
  const env = process.env;
  const leaked = leakedBuildEnv(env);
  if (leaked.length > 0) return rerunForProduction(leaked, v.quiet === true);
  const repo = v.repo ?? env.ATLAS_REPO ?? EXAMPLE;
  const started = performance.now();
  // --quiet: no progress and no summary (warnings and errors still reach stderr).
  if (!v.quiet) process.stderr.write(`atlas: building the site for ${repo}\n`);
  const options = {
    repo,
    out: v.out ?? env.ATLAS_OUT,
    site: v.site ?? env.ATLAS_SITE,
    base: v.base ?? env.ATLAS_BASE,
    config: configOverrides(v),
    cacheDir: v['cache-dir'] ?? (env.ATLAS_CACHE_DIR?.trim() || undefined),
    copyTemplate: env.ATLAS_COPY_TEMPLATE === '1',
    logLevel: v.quiet ? ('error' as const) : ('info' as const),
  };
  // The summary of findings comes from the atlas the build itself used.
  const atlas = await buildSite(options);
  const hint = atlas && emptyRepoHint(atlas.model, repo);
  if (hint) process.stderr.write(hint);
  if (atlas && !v.quiet) {
    const bySeverity = { error: 0, warning: 0, info: 0 };
    for (const f of atlas.model.findings) bySeverity[f.severity]++;
    process.stderr.write(
      `atlas: ${atlas.model.apps.length} apps; findings: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info; ` +
        `built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return 0;
}

/**
 * A NODE_ENV of 'test' or 'development', or one of Vite's own names (DEV, MODE, BASE_URL ...),
 * inherited from the caller (vitest sets them) would give a dev-flavoured site, and Vite reads
 * NODE_ENV from process.env with no option to override it (leakedBuildEnv says why). Rather than
 * change this process's environment, run the same command again in a child whose environment is
 * a clean copy; the child finds nothing to clean and builds in process.
 */
function rerunForProduction(leaked: string[], quiet: boolean): number {
  if (!quiet) process.stderr.write(`atlas: building without ${leaked.join(', ')} from the environment (they would give a development build)\n`);
  const run = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env: productionEnv(process.env), stdio: 'inherit' });
  if (run.error) throw run.error;
  return run.status ?? 1;
}
