/**
 * The checkout's fast start (scripts/launch/bundled.mjs, build-bundle.ts): `atlas scan|check|export|diff`
 * run from a bundle of the CLI through a V8 code cache made after a run. What must hold: the bundle's
 * output is the sources' output; an edit is never answered by a stale bundle; each module still sees
 * its own import.meta.url; a bad cache costs time, not correctness; a build in progress is not waited
 * for. The launcher is driven on a small project of its own (a temp folder with scripts/cli.ts), so
 * these tests never touch the checkout's cache; the checkout's own bundle is compared with its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadedModules } from '../support/loaded-modules.ts';

const ROOT = join(import.meta.dirname, '../..');
const LAUNCHER = pathToFileURL(join(ROOT, 'scripts/launch/bundled.mjs')).href;
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): { root: string; put: (rel: string, text: string) => void; cache: string } {
  const root = mkdtempSync(join(tmpdir(), 'atlas-bundled-'));
  made.push(root);
  const put = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  put('scripts/cli.ts', "import { where, answer } from '../src/deep/where.ts';\nconst own: string = import.meta.url;\nconsole.log(JSON.stringify({ own, dir: import.meta.dirname, where, answer, resolved: [import.meta.resolve('../src/deep/where.ts'), import.meta.resolve('esbuild')] }));\n");
  put('src/deep/where.ts', 'export const where: string = import.meta.url;\nexport const answer = 41;\n');
  return { root, put, cache: join(root, 'node_modules/.cache/gitops-atlas/cli') };
}

/** Run the launcher for `command` on `root` in a child process: what it printed and whether it ran the bundle. */
function launch(root: string, command = 'scan'): { bundled: boolean; out: { own: string; dir: string; where: string; answer: number; resolved: string[] } | null; stderr: string } {
  const code = `const { runBundled } = await import(${JSON.stringify(LAUNCHER)}); const ok = await runBundled(${JSON.stringify(root)}, ${JSON.stringify(command)}); process.on('exit', () => console.log('BUNDLED=' + ok));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return { bundled: r.stdout.includes('BUNDLED=true'), out: line ? JSON.parse(line) : null, stderr: r.stderr };
}

const cacheFiles = (cache: string, suffix: string) => readdirSync(cache).filter((f) => f.endsWith(suffix)).map((f) => join(cache, f));

describe('the fast start of a checkout', () => {
  it('runs the bundle, and each module still sees its own location', () => {
    const p = project();
    const r = launch(p.root);
    expect(r.bundled).toBe(true);
    expect(r.out).toEqual({
      own: pathToFileURL(join(p.root, 'scripts/cli.ts')).href,
      dir: join(p.root, 'scripts'),
      where: pathToFileURL(join(p.root, 'src/deep/where.ts')).href,
      answer: 41,
      // import.meta.resolve as from the source: a relative specifier against the module, a package from node_modules.
      resolved: [pathToFileURL(join(p.root, 'src/deep/where.ts')).href, import.meta.resolve('esbuild')],
    });
    expect(cacheFiles(p.cache, '.cjs')).toHaveLength(1);
  });

  it('writes the code cache after the first run of a command, and again only for a command it has not seen', () => {
    const p = project();
    launch(p.root, 'scan');
    const [cache] = cacheFiles(p.cache, '.code-cache');
    expect(cache).toBeDefined();
    const covered = cache!.replace(/\.code-cache$/, '.json');
    expect(JSON.parse(readFileSync(covered, 'utf8'))).toEqual(['scan']);
    utimesSync(cache!, new Date(1_000_000), new Date(1_000_000));
    launch(p.root, 'scan');
    expect(statSync(cache!).mtimeMs).toBe(1_000_000); // accepted, not written again
    launch(p.root, 'check');
    expect(JSON.parse(readFileSync(covered, 'utf8'))).toEqual(['scan', 'check']);
    expect(statSync(cache!).mtimeMs).toBeGreaterThan(1_000_000);
  });

  it('never answers an edit with the old bundle, even one that keeps the file’s size', () => {
    const p = project();
    expect(launch(p.root).out?.answer).toBe(41);
    p.put('src/deep/where.ts', 'export const where: string = import.meta.url;\nexport const answer = 42;\n');
    // The same length as before: the file's mtime is what tells the launcher.
    const r = launch(p.root);
    expect(r.bundled).toBe(true);
    expect(r.out?.answer).toBe(42);
    // The old bundle and its cache are gone, so no cache can meet a bundle it was not made from.
    expect(cacheFiles(p.cache, '.cjs')).toHaveLength(1);
  });

  it('never runs the bundle of another checkout that shares its node_modules (a git worktree, node_modules linked)', () => {
    const main = project();
    const other = project();
    other.put('src/deep/where.ts', 'export const where: string = import.meta.url;\nexport const answer = 7;\n');
    mkdirSync(join(main.root, 'node_modules'), { recursive: true });
    rmSync(join(other.root, 'node_modules'), { recursive: true, force: true });
    symlinkSync(join(main.root, 'node_modules'), join(other.root, 'node_modules'));
    expect(launch(other.root).out?.answer).toBe(7);
    // The other checkout's files did not change, so its list of inputs is fresh: but not for this checkout.
    const r = launch(main.root);
    expect(r.bundled).toBe(true);
    expect(r.out?.answer).toBe(41);
    expect(r.out?.where).toBe(pathToFileURL(join(main.root, 'src/deep/where.ts')).href);
    expect(launch(other.root).out?.answer).toBe(7);
  });

  it('survives a code cache V8 rejects: same output, and the cache is written again', () => {
    const p = project();
    launch(p.root);
    const [cache] = cacheFiles(p.cache, '.code-cache');
    writeFileSync(cache!, Buffer.alloc(4096, 7));
    const r = launch(p.root);
    expect(r.bundled).toBe(true);
    expect(r.out?.answer).toBe(41);
    expect(readFileSync(cache!).equals(Buffer.alloc(4096, 7))).toBe(false);
  });

  it('runs the sources instead of waiting while another process builds, and takes over a lock left by a killed build', () => {
    const p = project();
    mkdirSync(p.cache, { recursive: true });
    writeFileSync(join(p.cache, 'build.lock'), '');
    expect(launch(p.root).bundled).toBe(false);
    expect(existsSync(join(p.cache, 'inputs.json'))).toBe(false);
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(join(p.cache, 'build.lock'), old, old);
    const r = launch(p.root);
    expect(r.bundled).toBe(true);
    expect(r.out?.answer).toBe(41);
    expect(existsSync(join(p.cache, 'build.lock'))).toBe(false);
  });
});

describe('the checkout’s bundle against its sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bundled-loads-'));
  made.push(dir);
  const run = (args: string[], env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const plain = { ...process.env };
  delete plain.ATLAS_NO_BUNDLE;
  delete plain.NODE_DISABLE_COMPILE_CACHE;

  for (const args of [
    ['scan', '--repo', 'examples/homelab', '--json', '--quiet'],
    ['check', '--repo', 'examples/homelab', '--format', 'json', '--quiet'],
  ]) {
    it(`atlas ${args[0]} prints the same from the bundle as from the sources`, () => {
      const fromBundle = run(args, plain);
      const fromSources = run(args, { ...plain, ATLAS_NO_BUNDLE: '1' });
      expect(fromBundle.status, fromBundle.stderr).toBe(fromSources.status);
      expect(fromBundle.stdout.length).toBeGreaterThan(1000);
      expect(fromBundle.stdout).toBe(fromSources.stdout);
    });
  }

  it('atlas scan runs from the bundle: none of our TypeScript modules and nothing of the site build is loaded', () => {
    run(['scan', '--repo', 'examples/homelab', '--json', '--quiet'], plain); // builds the bundle if an edit made it stale
    const r = loadedModules(dir, ['scripts/atlas.mjs', 'scan', '--repo', 'examples/homelab', '--json', '--quiet'], { cwd: ROOT, env: plain });
    expect([0, 1], r.stderr).toContain(r.status);
    expect(r.urls.some((u) => u.endsWith('/scripts/launch/bundled.mjs'))).toBe(true);
    expect(r.urls.filter((u) => u.endsWith('.ts'))).toEqual([]);
    expect(r.urls.filter((u) => /\/node_modules\/(astro|@astrojs\/[^/]+|vite|beautiful-mermaid|elkjs|pagefind)\//.test(u))).toEqual([]);
  });
});
