/**
 * `atlas build --out DIR` works wherever DIR is. Astro puts the prerender chunks (which import the
 * site's dependencies by bare name) into DIR/.prerender when DIR's path string starts with the
 * working directory: run from the user's repository with `--out site`, or with a sibling
 * `<project>-site`, they could not find their imports (ERR_MODULE_NOT_FOUND '@oslojs/encoding').
 * scripts/build-site.ts runs the build in a working directory chosen by path segments (buildCwd).
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCwd, isInside } from '../../scripts/build-site.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');

describe('the build working directory, by path segments', () => {
  it('a sibling folder whose name starts with the root is not inside it', () => {
    expect(isInside('/work/atlas-site', '/work/atlas')).toBe(false);
    expect(isInside('/work/atlas/dist', '/work/atlas')).toBe(true);
    expect(isInside('/work/atlas', '/work/atlas/')).toBe(true);
    expect(isInside('/work/..atlas', '/work')).toBe(true);
    expect(isInside('/elsewhere/site', '/work/atlas')).toBe(false);
  });

  it('builds in the root when the output is inside it, else in <root>/.astro', () => {
    expect(buildCwd('/work/atlas', '/work/atlas/dist')).toBe('/work/atlas');
    expect(buildCwd('/work/atlas', '/work/atlas-site')).toBe('/work/atlas/.astro');
    expect(buildCwd('/work/atlas', '/home/me/home-ops/site')).toBe('/work/atlas/.astro');
  });
});

describe('atlas build --out site, run from the repository being documented', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-outdir-'));
  const cache = join(ROOT, 'artifacts/.cache/out-dir');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the site into <repo>/site and leaves no prerender chunks there, and sends Astro no telemetry', async () => {
    const repo = join(dir, 'home-ops');
    cpSync(join(ROOT, 'test/fixtures/repos/flat-layout'), repo, { recursive: true });
    // A `git` first on PATH that logs each call: Astro's telemetry asks git for the first commit
    // (`rev-list --max-parents=0 HEAD`) before it sends an event.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> ${join(dir, 'git.log')}\nexec ${realGit} "$@"\n`, { mode: 0o755 });
    const env: NodeJS.ProcessEnv = { ...process.env, ATLAS_COPY_TEMPLATE: '1', ATLAS_CACHE_DIR: cache, PATH: `${bin}:${process.env.PATH}` };
    delete env.ASTRO_TELEMETRY_DISABLED;
    delete env.CI;
    const { stderr } = await run(process.execPath, [join(ROOT, 'scripts/atlas.mjs'), 'build', '--repo', '.', '--out', 'site', '--quiet'], {
      cwd: repo,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const gitCalls = readFileSync(join(dir, 'git.log'), 'utf8');
    expect(gitCalls).toContain('log');
    expect(gitCalls).not.toContain('rev-list --max-parents=0 HEAD');
    expect(stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|internal error|Cannot find package/);
    // --quiet: neither the progress line nor the summary.
    expect(stderr).not.toMatch(/atlas: building the site|apps; findings:/);
    expect(existsSync(join(repo, 'site/index.html'))).toBe(true);
    expect(existsSync(join(repo, 'site/apps/index.html'))).toBe(true);
    expect(readdirSync(join(repo, 'site'))).not.toContain('.prerender');
  });
});
