import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The Dockerfile without a Docker engine (none runs on these machines): its stages read as BuildKit
 * reads them, every file it copies from the context present and not excluded by .dockerignore, and
 * its final stage's ENTRYPOINT and HEALTHCHECK run as written, with the container's paths mapped to
 * a folder here, as the image's USER (when the tests run as root, which can switch to it), over a
 * read-only site.
 */
interface Instruction {
  cmd: string;
  args: string;
  line: number;
}
interface Stage {
  from: string;
  name: string;
  body: Instruction[];
}

function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { text: string; line: number } | null = null;
  text.split('\n').forEach((raw, i) => {
    if (!pending && (/^\s*#/.test(raw) || raw.trim() === '')) return;
    const part = raw.replace(/\\\s*$/, '');
    pending = pending ? { text: `${pending.text} ${part.trim()}`, line: pending.line } : { text: part.trim(), line: i + 1 };
    if (/\\\s*$/.test(raw)) return;
    const [, cmd, args] = /^(\S+)\s*([\s\S]*)$/.exec(pending.text)!;
    out.push({ cmd: cmd!.toUpperCase(), args: args!, line: pending.line });
    pending = null;
  });
  return out;
}

function stages(list: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const ins of list) {
    if (ins.cmd === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args)!;
      out.push({ from: from!, name: name ?? String(out.length), body: [] });
    } else if (out.length) out.at(-1)!.body.push(ins);
  }
  return out;
}

/** Docker's .dockerignore: patterns anchored at the context root, `*` within one segment, `!` re-includes, a folder excludes what is in it. */
function dockerignored(patterns: string[], path: string): boolean {
  const re = (p: string) => new RegExp(`^${p.replace(/^\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\u0000/g, '.*')}$`);
  const segments = path.split('/');
  const prefixes = segments.map((_, n) => segments.slice(0, n + 1).join('/'));
  let ignored = false;
  for (const p of patterns) {
    const exception = p.startsWith('!');
    if (prefixes.some((prefix) => re(exception ? p.slice(1) : p).test(prefix))) ignored = !exception;
  }
  return ignored;
}

const text = readFileSync('Dockerfile', 'utf8');
const all = stages(instructions(text));
const stage = (name: string) => all.find((s) => s.name === name)!;
const ignore = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
/** The exec-form (JSON array) part of an ENTRYPOINT, or of a HEALTHCHECK after its options and CMD. */
const json = (ins: Instruction | undefined): string[] => JSON.parse(ins!.args.slice(ins!.args.indexOf('['))) as string[];

describe('Dockerfile as BuildKit reads it', () => {
  it('build on node:24, serve on distroless Node 24 as non-root, site = server + the built site', () => {
    expect(text.startsWith('# syntax=docker/dockerfile:1\n')).toBe(true);
    expect(all.map((s) => `${s.name} <- ${s.from}`)).toEqual(['build <- node:24-bookworm', 'server <- gcr.io/distroless/nodejs24-debian12:nonroot', 'site <- server']);
    for (const s of all) expect(s.from, `stage ${s.name}`).not.toMatch(/:latest$|^[^:]+$(?<!^server$)/);
    expect(all.at(-1)!.name).toBe('site');
  });

  it('the server stage: numeric non-root user, port 8080, exec-form entrypoint and health check, no shell step', () => {
    const server = stage('server').body;
    const user = server.filter((i) => i.cmd === 'USER').at(-1)!.args;
    expect(user).toMatch(/^\d+:\d+$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
    expect(server.find((i) => i.cmd === 'EXPOSE')!.args).toBe('8080');
    expect(json(server.find((i) => i.cmd === 'ENTRYPOINT'))).toEqual(['/nodejs/bin/node', '/app/serve-static.ts', '/site', '--host', '0.0.0.0', '--port', '8080']);
    expect(server.find((i) => i.cmd === 'HEALTHCHECK')!.args).toMatch(/^--interval=\S+ --timeout=\S+ CMD \["\/nodejs\/bin\/node", "-e", /);
    // Distroless has no shell: a RUN there (or in the site stage on top of it) could not run.
    expect([...server, ...stage('site').body].filter((i) => i.cmd === 'RUN')).toEqual([]);
    // `--target server` builds without the `repo` build context: nothing in it comes from the build stage.
    expect(server.filter((i) => /--from=/.test(i.args))).toEqual([]);
  });

  it('the site stage adds only the site the build stage wrote, root-owned; the build stage alone reads the repo context', () => {
    expect(stage('site').body.map((i) => `${i.cmd} ${i.args}`)).toEqual(['COPY --from=build --chown=0:0 /site /site']);
    const build = stage('build').body;
    expect(build.some((i) => i.cmd === 'COPY' && i.args === '--from=repo . /repo')).toBe(true);
    expect(build.find((i) => i.cmd === 'RUN' && i.args.includes('atlas.mjs build'))!.args).toContain('node scripts/atlas.mjs build --repo /repo --out /site');
    for (const s of all.filter((s) => s.name !== 'build')) expect(s.body.some((i) => i.args.includes('--from=repo'))).toBe(false);
  });

  it('every file copied from the context exists and .dockerignore keeps it; bulky and private folders stay out', () => {
    const sources = all.flatMap((s) => s.body.filter((i) => i.cmd === 'COPY' && !/--from=/.test(i.args)).flatMap((i) => i.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1)));
    expect(sources).toEqual(['package.json', 'package-lock.json', '.', 'scripts/serve-static.ts']);
    for (const src of sources.filter((s) => s !== '.')) {
      expect(existsSync(src), src).toBe(true);
      expect(dockerignored(ignore, src), `${src} is excluded by .dockerignore`).toBe(false);
    }
    // What `COPY . .` must bring for `node scripts/atlas.mjs build`.
    for (const needed of ['astro.config.mjs', 'tsconfig.json', 'src/pages', 'public', 'scripts/atlas.mjs', 'scripts/build-site.ts']) expect(dockerignored(ignore, needed), needed).toBe(false);
    for (const out of ['node_modules', '.git', 'test/fixtures', 'dist', 'gitops-atlas-0.1.0.tgz', 'examples/homelab']) expect(dockerignored(ignore, out), out).toBe(true);
  });

  it('the .dockerignore matcher follows Docker: anchored at the root, folders exclude their content, ! re-includes', () => {
    expect(dockerignored(['node_modules'], 'node_modules/astro/package.json')).toBe(true);
    expect(dockerignored(['node_modules'], 'src/node_modules')).toBe(false);
    expect(dockerignored(['*.tgz'], 'a.tgz')).toBe(true);
    expect(dockerignored(['*.tgz'], 'dist/a.tgz')).toBe(false);
    expect(dockerignored(['test', '!test/keep'], 'test/keep')).toBe(false);
  });
});

describe('the image entrypoint, run as written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-entrypoint-'));
  const asRoot = process.getuid?.() === 0;
  /** The image's USER: the tests run the server as that uid and gid where they can (as root). */
  const [uid, gid] = stage('server').body.filter((i) => i.cmd === 'USER').at(-1)!.args.split(':').map(Number) as [number, number];
  let server: ChildProcess;
  let port: number;
  let node: string;
  let output = '';

  const mapped = (argv: string[], p: number) =>
    argv.map((a) => (a === '/nodejs/bin/node' ? node : a === '/app/serve-static.ts' ? join(dir, 'app/serve-static.ts') : a === '/site' ? join(dir, 'site') : a === '0.0.0.0' ? '127.0.0.1' : a === '8080' ? String(p) : a.replace('127.0.0.1:8080', `127.0.0.1:${p}`)));

  beforeAll(async () => {
    chmodSync(dir, 0o755);
    // The image's files: the server script 0444 and the site, root-owned, nothing writable by the server's user.
    mkdirSync(join(dir, 'app'));
    copyFileSync('scripts/serve-static.ts', join(dir, 'app/serve-static.ts'));
    chmodSync(join(dir, 'app/serve-static.ts'), 0o444);
    mkdirSync(join(dir, 'site/_astro'), { recursive: true });
    writeFileSync(join(dir, 'site/index.html'), '<!doctype html><title>atlas</title><h1>home</h1>');
    writeFileSync(join(dir, 'site/404.html'), '<!doctype html><title>404</title>');
    writeFileSync(join(dir, 'site/_astro/page.D1x2y3.js'), 'console.log(1)');
    for (const p of ['site/_astro', 'site', 'app']) chmodSync(join(dir, p), 0o555);
    // The Node binary where uid 65532 may run it (this one may live under a 0700 home).
    mkdirSync(join(dir, 'bin'));
    node = join(dir, 'bin/node');
    try {
      linkSync(process.execPath, node);
    } catch {
      copyFileSync(process.execPath, node);
    }
    chmodSync(join(dir, 'bin'), 0o555);
    port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const [cmd, ...args] = mapped(json(stage('server').body.find((i) => i.cmd === 'ENTRYPOINT')), port);
    server = spawn(cmd!, args, { cwd: '/', env: { NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid, gid } : {}) });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false)) return;
      if (server.exitCode !== null) throw new Error(`the entrypoint exited: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the entrypoint did not listen: ${output}`);
  });

  afterAll(() => {
    server?.kill();
    for (const p of ['site/_astro', 'site', 'app', 'bin']) if (existsSync(join(dir, p))) chmodSync(join(dir, p), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it(`serves the site${asRoot ? " as the image's uid" : ''}: pages, hashed assets cached for good, 404 for the rest`, async () => {
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(await home.text()).toContain('<h1>home</h1>');
    const asset = await fetch(`http://127.0.0.1:${port}/_astro/page.D1x2y3.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`http://127.0.0.1:${port}/nope/`)).status).toBe(404);
    if (asRoot) {
      const owner = spawnSync('ps', ['-o', 'uid=', '-p', String(server.pid)], { encoding: 'utf8' }).stdout.trim();
      expect(owner).toBe(String(uid));
      expect(uid).toBeGreaterThan(0);
    }
  });

  it('the HEALTHCHECK command passes against it, and fails where nothing listens', () => {
    const health = json(stage('server').body.find((i) => i.cmd === 'HEALTHCHECK'));
    const [cmd, ...args] = mapped(health, port);
    expect(spawnSync(cmd!, args, { timeout: 10_000 }).status).toBe(0);
    const [cmd2, ...args2] = mapped(health, 9);
    expect(spawnSync(cmd2!, args2, { timeout: 10_000 }).status).toBe(1);
  });
});
