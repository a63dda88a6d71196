/**
 * Issue 11, "no leaks": one canary suite over everything that writes. A repository with a fresh
 * random canary in every place a secret can sit (test/hostile/canary-repo.ts) is built into a
 * site, exported (on a copy), scanned and checked in every format; the canaries, their base64,
 * base64url and URL-encoded forms (canaryForms) occur 0 times in any of it.
 *
 * What is searched: every file of dist/ (text files as UTF-8; Pagefind's gzip-compressed index
 * and fragments after gunzip; any other binary file as raw bytes), every Markdown file the export
 * wrote, stdout and stderr of build, scan --json and check (text, json, github, sarif). What is
 * not: Pagefind's WebAssembly and its uncompressed binary (.pf_meta after gunzip is CBOR, which
 * keeps strings as UTF-8 bytes, so the raw search covers it too).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaks } from '../secrets/canary.ts';
import { makeCanaries, writeCanaryRepo, type Canaries } from '../hostile/canary-repo.ts';
import { buildSiteCli, crashSigns, PROJECT_ROOT, runCli, type CliRun } from '../hostile/run-cli.ts';
import { listFiles } from './site-files.ts';

const tmp = mkdtempSync(join(tmpdir(), 'atlas-canary-'));
const repo = join(tmp, 'repo');
const dist = join(tmp, 'dist');
const canaries: Canaries = makeCanaries();
const values = Object.values(canaries);
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  mkdirSync(repo);
  mkdirSync(join(tmp, 'rss'));
  writeCanaryRepo(repo, canaries);
  cpSync(repo, join(tmp, 'copy'), { recursive: true });
  const rssDir = join(tmp, 'rss');
  const cli = (key: string, args: string[]) => runCli(args, { rssDir }).then((r) => (runs[key] = r));
  await Promise.all([
    buildSiteCli(repo, dist, 'canary-build', rssDir).then((r) => (runs.build = r)),
    (async () => {
      await cli('scan', ['scan', '--json', '--repo', repo]);
      for (const format of ['text', 'json', 'github', 'sarif']) await cli(`check:${format}`, ['check', '--format', format, '--repo', repo]);
      await cli('export', ['export', '--repo', join(tmp, 'copy')]);
      await cli('export:json', ['export', '--format', 'json', '--repo', repo, '--out', join(tmp, 'data/json')]);
      await cli('export:backstage', ['export', '--format', 'backstage', '--repo', repo, '--out', join(tmp, 'data/backstage')]);
    })(),
  ]);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A file's text for searching: gunzipped where it is gzip (Pagefind), else its bytes as latin1 and UTF-8. */
function searchable(abs: string): string {
  const bytes = readFileSync(abs);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return gunzipSync(bytes).toString('latin1') + '\n' + gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8') + '\n' + bytes.toString('latin1');
}

describe('canaries planted in every secret place reach no output', () => {
  it('every command finished', () => {
    for (const [key, run] of Object.entries(runs)) {
      expect(crashSigns(run.stderr), key).toEqual([]);
      expect([0, 1], `${key}: ${run.stderr.slice(-500)}`).toContain(run.status);
    }
    expect(runs.build!.status).toBe(0);
  });

  it('the canaries are fresh random tokens: no committed fixture, golden file or snapshot holds one', () => {
    const committed = ['test/golden', 'test/fixtures', 'examples'].flatMap((d) => listFiles(join(PROJECT_ROOT, d)).map((f) => join(PROJECT_ROOT, d, f)));
    const snapshots = readdirSync(join(PROJECT_ROOT, 'test'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.parentPath.split('/').includes('__snapshots__'))
      .map((d) => join(d.parentPath, d.name));
    expect(committed.length).toBeGreaterThan(10);
    for (const f of [...committed, ...snapshots]) expect(leaks(readFileSync(f, 'latin1'), values), relative(PROJECT_ROOT, f)).toEqual([]);
  });

  it('the site was really built from the canary repository (pages name the secrets, not their values)', () => {
    const all = listFiles(dist).filter((f) => f.endsWith('.html')).map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    for (const name of ['vault-credentials', 'substitute-secrets', 'cluster-secrets']) expect(all).toContain(name);
  });

  it('dist/: 0 occurrences in every file, Pagefind index included', () => {
    const files = listFiles(dist);
    expect(files.some((f) => f.startsWith('pagefind/') && f.endsWith('.pf_fragment'))).toBe(true);
    const found = files.flatMap((f) => leaks(searchable(join(dist, f)), values).map((l) => `${f}: ${l.form}`));
    expect(found).toEqual([]);
    // The search index did index the pages (else "0 in the index" would prove nothing).
    const fragments = files.filter((f) => f.endsWith('.pf_fragment')).map((f) => searchable(join(dist, f))).join('\n');
    expect(fragments).toContain('vault');
  });

  it('exports: 0 occurrences in every file export wrote or changed', () => {
    const written = listFiles(join(tmp, 'copy')).filter((f) => !f.startsWith('.git/') && f.endsWith('.md'));
    expect(written.length).toBeGreaterThan(1);
    for (const f of written) expect(leaks(readFileSync(join(tmp, 'copy', f), 'utf8'), values), f).toEqual([]);
    expect(statSync(join(tmp, 'copy/SECRETS.md')).isFile()).toBe(true);
  });

  it('data exports (atlas.json and its schema, the Backstage catalog) and their copies on the site: 0 occurrences', () => {
    const written = listFiles(join(tmp, 'data'));
    expect(written).toEqual(expect.arrayContaining(['json/atlas.json', 'json/atlas.schema.json', 'backstage/catalog-info.yaml']));
    for (const f of written) expect(leaks(readFileSync(join(tmp, 'data', f), 'utf8'), values), f).toEqual([]);
    // The site's copies are among the dist/ files searched above; make sure they are there.
    for (const f of ['atlas.json', 'atlas.schema.json', 'llms.txt', 'llms-full.txt']) expect(statSync(join(dist, f)).size, f).toBeGreaterThan(100);
    expect(readFileSync(join(dist, 'atlas.json'), 'utf8')).toContain('vault-credentials');
  });

  it('scan --json, check in every format, and the logs of every command: 0 occurrences', () => {
    expect(runs.scan!.stdout.length).toBeGreaterThan(100);
    for (const [key, run] of Object.entries(runs)) {
      expect(leaks(run.stdout, values), `${key} stdout`).toEqual([]);
      expect(leaks(run.stderr, values), `${key} stderr`).toEqual([]);
    }
  });
});
