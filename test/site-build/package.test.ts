import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedModules } from '../support/loaded-modules.ts';

/**
 * The published package, as a GitOps repository's workflow uses it: `npm publish --dry-run` prints
 * no warning, `npm pack` (which runs the prepack step that compiles the CLI) gives a manifest with
 * no install-time script, the tarball installs into a scratch project without npm holding a script
 * of ours for approval, the installed package is made read-only, and `npx gitops-atlas build` and
 * `check` run there on the example. One slow test, kept in `npm test` (rather than a CI-only
 * script) so that a broken package shows up in the same pass/fail count as everything else.
 *
 * Read-only is real even as root: where unprivileged user namespaces exist (`unshare -rm`), the
 * package folder is bind-mounted read-only for the build; everywhere, a snapshot of the package
 * folder (paths, sizes, mtimes) must be unchanged afterwards.
 */
const scratch = mkdtempSync(join(tmpdir(), 'atlas-pack-'));
afterAll(() => {
  const pkg = join(scratch, 'project/node_modules/gitops-atlas');
  if (existsSync(pkg)) writable(pkg);
  rmSync(scratch, { recursive: true, force: true });
});

function writable(path: string): void {
  chmodSync(path, statSync(path).mode | 0o200);
  if (statSync(path).isDirectory()) for (const e of readdirSync(path)) writable(join(path, e));
}

function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((d) => {
      const p = join(d.parentPath, d.name);
      const s = statSync(p, { throwIfNoEntry: false });
      return `${relative(dir, p)} ${s ? `${s.size} ${s.mtimeMs}` : 'dangling'}`;
    })
    .sort();
}

function canBindReadOnly(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('unshare', ['-rm', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('the npm package', () => {
  it('installs from its tarball and builds a site from a read-only install', { timeout: 600_000 }, () => {
    const sh = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
      execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

    // As the release workflow publishes (a placeholder token: npm warns when it has none, and a dry run sends nothing).
    const dry = spawnSync('npm', ['publish', '--dry-run', '--//registry.npmjs.org/:_authToken=dry-run'], { encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr.split('\n').filter((l) => /\bwarn/i.test(l))).toEqual([]);
    expect(dry.stdout + dry.stderr).toMatch(/Publishing to https:\/\/registry\.npmjs\.org\/ with tag latest and public access \(dry-run\)/);

    const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', scratch], process.cwd())) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = packed[0]!.files.map((f) => f.path);
    expect(shipped).toContain('lib/atlas.mjs');
    expect(shipped).toContain('lib/parse-worker.mjs');
    expect(shipped).toContain('bin/gitops-atlas.mjs');
    expect(shipped).toContain('astro.config.mjs');
    expect(shipped).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']));
    expect(shipped.some((f) => f.startsWith('test/') || f.startsWith('examples/') || f.startsWith('scripts/'))).toBe(false);
    expect(existsSync('lib'), 'postpack removed the compiled CLI from the working tree').toBe(false);

    // The manifest as published: nothing runs at install time, and what a registry page and provenance need.
    const manifest = JSON.parse(sh('tar', ['-xzOf', join(scratch, packed[0]!.filename), 'package/package.json'], scratch)) as Record<string, any>;
    expect(Object.keys(manifest.scripts).filter((k) => ['preinstall', 'install', 'postinstall', 'prepare'].includes(k))).toEqual([]);
    expect(manifest.bin).toEqual({ 'gitops-atlas': 'bin/gitops-atlas.mjs' });
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/gitops-atlas/gitops-atlas.git' });
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['flux', 'gitops', 'kubernetes']));

    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "home-ops", "private": true }\n');
    // The registry is only asked for what npm ci already cached, where it can. A tarball is a
    // non-registry source, for which npm 11 lists a `prepare` script among scripts awaiting approval.
    const install = spawnSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, packed[0]!.filename)], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_ENV: '' } });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/gitops-atlas@[^\n]*\((pre|post)?install|gitops-atlas@[^\n]*\(prepare/);

    const pkg = join(project, 'node_modules/gitops-atlas');
    // chmod -R a-w
    for (const p of [pkg, ...readdirSync(pkg, { recursive: true }).map((e) => join(pkg, e.toString()))]) chmodSync(p, statSync(p).mode & ~0o222);
    const before = snapshot(pkg);

    const out = join(scratch, 'site');
    const args = ['gitops-atlas', 'build', '--repo', join(process.cwd(), 'examples/homelab'), '--out', out, '--base', '/home-ops', '--quiet'];
    const env = { ATLAS_CACHE_DIR: join(scratch, 'cache') };
    let log: string;
    if (canBindReadOnly()) {
      const script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && touch "$0/probe" 2>/dev/null && exit 99; exec npx "$@"';
      log = sh('unshare', ['-rm', 'sh', '-c', script, pkg, ...args], project, env);
    } else {
      log = sh('npx', args, project, env);
    }

    expect(statSync(join(out, 'index.html')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'apps/media/jellyfin/index.html'), 'utf8')).toContain('href="/home-ops/');
    expect(existsSync(join(out, 'pagefind/pagefind.js'))).toBe(true);
    expect(snapshot(pkg)).toEqual(before);
    expect(log).not.toMatch(/internal error/);

    // `check` from the installed package, as the check workflow runs it: SARIF on stdout, exit 1 for the example's errors.
    const check = spawnSync('npx', ['gitops-atlas', 'check', '--repo', join(process.cwd(), 'examples/homelab'), '--format', 'sarif'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_ENV: '' }, maxBuffer: 64 << 20 });
    expect(check.status, check.stderr).toBe(1);
    const sarif = JSON.parse(check.stdout) as { version: string; runs: Array<{ results: Array<{ partialFingerprints: { atlasFingerprint: string } }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(10);
    expect(sarif.runs[0]!.results.every((r) => /^[0-9a-f]{32}$/.test(r.partialFingerprints.atlasFingerprint))).toBe(true);
    expect(snapshot(pkg)).toEqual(before);

    // `scan` from the installed package loads what a scan needs, not the site build (Astro, Starlight,
    // the diagram renderer): the bundle keeps each command a chunk of its own, loaded when it runs.
    const scan = loadedModules(scratch, [join(pkg, 'bin/gitops-atlas.mjs'), 'scan', '--repo', join(process.cwd(), 'examples/homelab'), '--json', '--quiet'], {
      cwd: project,
      env: { ...process.env, NODE_ENV: '' },
    });
    expect(scan.status, scan.stderr).toBe(0);
    expect(JSON.parse(scan.stdout).counts.apps).toBeGreaterThan(5);
    // The same scan with its files parsed on the package's parse thread (lib/parse-worker.mjs).
    const threaded = spawnSync('npx', ['gitops-atlas', 'scan', '--repo', join(process.cwd(), 'examples/homelab'), '--json', '--quiet'], { cwd: project, encoding: 'utf8', env: { ...process.env, NODE_ENV: '', ATLAS_PARSE_THREAD: '1' }, maxBuffer: 64 << 20 });
    expect(threaded.status, threaded.stderr).toBe(0);
    expect(threaded.stdout).toBe(scan.stdout);
    const loaded = scan.urls;
    expect(loaded.some((u) => u.includes('/node_modules/yaml/'))).toBe(true);
    expect(loaded.filter((u) => /\/node_modules\/(astro|@astrojs\/starlight|beautiful-mermaid|vite)\//.test(u))).toEqual([]);
  });
});
