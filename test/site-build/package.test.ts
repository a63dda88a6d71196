import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The published package, as a GitOps repository's workflow uses it: `npm pack` (which runs the
 * prepack step that compiles the CLI), install the tarball into a scratch project, make the
 * installed package read-only, and `npx gitops-atlas build` the example there. One slow test, kept
 * in `npm test` (rather than a CI-only script) so that a broken package shows up in the same
 * pass/fail count as everything else.
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

    const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', scratch], process.cwd())) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = packed[0]!.files.map((f) => f.path);
    expect(shipped).toContain('lib/atlas.mjs');
    expect(shipped).toContain('bin/gitops-atlas.mjs');
    expect(shipped).toContain('astro.config.mjs');
    expect(shipped.some((f) => f.startsWith('test/') || f.startsWith('examples/') || f.startsWith('scripts/'))).toBe(false);
    expect(existsSync('lib'), 'postpack removed the compiled CLI from the working tree').toBe(false);

    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "home-ops", "private": true }\n');
    // The registry is only asked for what npm ci already cached, where it can.
    sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(scratch, packed[0]!.filename)], project);

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
  });
});
