/**
 * Issue 11, "nothing crashes": the whole pipeline over ONE hostile repository (every case of the
 * bad-input corpus, see hostile-repo.ts) and over a repository with no Kubernetes files at all.
 * `scan --json`, `check` in every format and `export` (on a copy) run as CI runs them, in a child
 * process. The site build of the same repositories is in test/site-build/hostile-build.test.ts.
 *
 * Bounds, by design rather than by stopwatch:
 * - the 50 MB YAML file is never read: FILE_TOO_LARGE after one fstat (limit 8 MiB);
 * - the 10 MB ROADMAP.md is not parsed: ROADMAP_TOO_LARGE (limit 2 MiB);
 * - the alias bomb stops at 1000 alias expansions (YAML_ALIAS_LIMIT), 10,000-level nesting at 256
 *   levels (YAML_TOO_DEEP), both before any recursive step;
 * - symlinks are followed only inside the repository (SYMLINK_LOOP, SYMLINK_OUTSIDE_REPO);
 * - each child runs with the V8 heap capped at 1 GiB (--max-old-space-size=1024): over it the
 *   child dies and the test fails; peak RSS is measured and must stay under 1 GiB as well;
 * - a kill timeout of 3 minutes per child is a guard against a hang, not a performance assertion.
 * Measured on 2 cores (2025): scan ~5 s, ~320 MB peak RSS; check ~4-7 s, ~330 MB. With issue 22's
 * cases (Dec 2026, 2 cores shared with other jobs): scan 8 s / 312 MiB, check 5-8 s / 336 MiB, export 16 s / 344 MiB.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeHostileRepo, writeReadmeOnlyRepo, MANY_KS, OUTSIDE_TARGET, type HostileCase } from './hostile-repo.ts';
import { crashSigns, runCli, type CliRun } from './run-cli.ts';

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  source: { file: string; line: number; col: number };
}

const tmp = mkdtempSync(join(tmpdir(), 'atlas-hostile-'));
const hostile = join(tmp, 'hostile');
const plain = join(tmp, 'readme-only');
const rssDir = join(tmp, 'rss');
let cases: HostileCase[] = [];
const runs: Record<string, CliRun> = {};
let copyBefore = new Map<string, string>();

/** Every file under `dir` (not following symlinks), repo-relative, with its size and mtime. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = join(d.parentPath, d.name);
    const rel = relative(dir, abs);
    if (rel.split('/')[0] === '.git' || d.isDirectory()) continue;
    const st = lstatSync(abs);
    out.set(rel, d.isSymbolicLink() ? 'link' : `${st.size}:${st.mtimeMs}`);
  }
  return out;
}

beforeAll(async () => {
  mkdirSync(hostile);
  mkdirSync(plain);
  mkdirSync(rssDir);
  cases = writeHostileRepo(hostile);
  writeReadmeOnlyRepo(plain);
  // export writes into the repository: each runs on a copy (symlinks copied as links).
  for (const [name, src] of [['hostile-copy', hostile], ['readme-only-copy', plain]] as const) {
    cpSync(src, join(tmp, name), { recursive: true, verbatimSymlinks: true });
  }
  copyBefore = snapshot(join(tmp, 'hostile-copy'));
  const jobs: [string, string[]][] = [];
  for (const [key, repo] of [['hostile', hostile], ['plain', plain]] as const) {
    jobs.push([`${key}:scan`, ['scan', '--json', '--repo', repo]]);
    for (const format of ['json', 'sarif', 'github', 'text']) jobs.push([`${key}:check:${format}`, ['check', '--format', format, '--repo', repo]]);
    jobs.push([`${key}:export`, ['export', '--repo', join(tmp, key === 'hostile' ? 'hostile-copy' : 'readme-only-copy')]]);
  }
  // Two at a time: CI has two cores, and the memory bound is per process.
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const [key, args] = jobs[next++]!;
      runs[key] = await runCli(args, { rssDir });
    }
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hostileJson = (): JsonFinding[] => (JSON.parse(runs['hostile:check:json']!.stdout) as { findings: JsonFinding[] }).findings;

describe('every command finishes on hostile input, without a crash', () => {
  const expected: [string, number][] = [
    ['scan', 0],
    ['check:json', 1],
    ['check:sarif', 1],
    ['check:github', 1],
    ['check:text', 1],
    // Issue 22: three targets are refused (a symlink, a folder named README.md, a UTF-16 file).
    ['export', 1],
  ];
  it.each(expected)('hostile repo: %s exits %i, no stack trace, heap and RSS under 1 GiB', (cmd, code) => {
    const run = runs[`hostile:${cmd}`]!;
    expect(run.signal, `${cmd} was killed (timeout or out of memory)`).toBeNull();
    expect(crashSigns(run.stderr)).toEqual([]);
    expect(run.status).toBe(code);
    expect(run.maxRssKiB).not.toBeNull();
    expect(run.maxRssKiB!).toBeLessThan(1024 * 1024);
    console.info(`hostile ${cmd}: ${run.ms} ms, peak RSS ${Math.round(run.maxRssKiB! / 1024)} MiB`);
  });

  it.each(expected.map(([cmd]) => cmd))('README-only repo: %s exits 0 and says there is nothing to show', (cmd) => {
    const run = runs[`plain:${cmd}`]!;
    expect(crashSigns(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it('README-only repo: an empty model and no findings', () => {
    const scan = JSON.parse(runs['plain:scan']!.stdout) as { counts: { apps: number; fluxKustomizations: number }; findings: unknown[] };
    expect(scan.counts).toMatchObject({ apps: 0, fluxKustomizations: 0 });
    expect(scan.findings).toEqual([]);
    expect(JSON.parse(runs['plain:check:json']!.stdout)).toEqual({ findings: [], silenced: [] });
  });
});

describe('each problem is a finding with its file and a line >= 1', () => {
  it('the corpus has every case of the issue', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'malformed-yaml-tabs', 'malformed-yaml-unclosed-quote', 'malformed-yaml-bad-indentation', 'invalid-utf8', 'utf16-bom', 'binary-file',
        'yaml-50-mb', 'alias-bomb', 'nesting-10000-levels', 'duplicate-keys', 'list-document', 'scalar-document', 'helm-template',
        'go-template-in-manifest', 'env-var-everywhere', 'env-var-everywhere-flux', 'symlink-loop', 'symlink-to-etc-passwd',
        'file-name-with-space-unicode-newline', 'path-escapes-repo', 'depends-on-itself', `${MANY_KS}-kustomizations-in-one-file`,
        'roadmap-10-mb', 'changelog-with-raw-html', 'empty-file', 'empty-kustomization-file', 'wrong-shapes', 'odd-names-and-namespaces',
        // issue 22
        'export-readme-dangling-symlink-out-of-repo', 'export-folder-named-readme', 'export-utf16-readme', 'markdown-99kb-stars',
        'markdown-99kb-a-star', 'markdown-99kb-brackets', 'markdown-99kb-open-links', 'svg-prefixed-script-and-doctype-entity',
        '140000-tiny-documents', 'commit-changing-200000-tag-lines',
      ]),
    );
  });

  it('check --format json: the expected code for each case, in its file', () => {
    const findings = hostileJson();
    const missing = cases
      .filter((c) => c.code !== null)
      .filter((c) => !findings.some((f) => f.code === c.code && f.source.file === c.file && (c.line === undefined || f.source.line === c.line)))
      .map((c) => `${c.name}: ${c.code} in ${JSON.stringify(c.file)}`);
    expect(missing).toEqual([]);
  });

  it('scan --json reports the same reading problems as check', () => {
    const scan = JSON.parse(runs['hostile:scan']!.stdout) as { counts: { fluxKustomizations: number }; findings: { code: string; file: string; line: number }[] };
    // The roadmap and the changelog are read by check and build only; every other case is a scan finding.
    for (const c of cases.filter((x) => x.code !== null && x.code !== 'ROADMAP_TOO_LARGE' && x.code !== 'CHANGELOG_DIFF_TRUNCATED')) {
      expect(scan.findings.some((f) => f.code === c.code && f.file === c.file), c.name).toBe(true);
    }
    expect(scan.counts.fluxKustomizations).toBeGreaterThanOrEqual(MANY_KS);
  });

  it('every finding names a file of the repository (as git lists it) and a line inside that file', () => {
    const lineCount = new Map<string, number>();
    const linesOf = (abs: string) => lineCount.get(abs) ?? lineCount.set(abs, readFileSync(abs, 'latin1').split('\n').length).get(abs)!;
    for (const f of hostileJson()) {
      expect(f.source.line, f.code).toBeGreaterThanOrEqual(1);
      expect(f.source.col, f.code).toBeGreaterThanOrEqual(1);
      const abs = join(hostile, f.source.file);
      expect(() => lstatSync(abs), `${f.code} names ${JSON.stringify(f.source.file)}`).not.toThrow();
      // Lines are checked where the file is a readable text file inside the repository.
      if (lstatSync(abs).isFile() && statSync(abs).size < 8 * 1024 * 1024) {
        expect(f.source.line, `${f.code} ${f.source.file}`).toBeLessThanOrEqual(linesOf(abs));
      }
    }
  });

  it('nothing outside the repository is read: /etc/passwd never reaches the output', () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    for (const run of Object.values(runs)) expect(run.stdout.includes(passwd)).toBe(false);
  });
});

describe('every output format stays well-formed', () => {
  it('json, sarif, github and text carry the same number of findings, one line each in line formats', () => {
    const n = hostileJson().length;
    const sarif = JSON.parse(runs['hostile:check:sarif']!.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const results = sarif.runs[0]!.results;
    expect(results).toHaveLength(n);
    for (const r of results) expect(r.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    // A file name with a newline must not split a workflow command or a text line in two.
    const github = runs['hostile:check:github']!.stdout.split('\n').filter(Boolean);
    expect(github).toHaveLength(n);
    for (const l of github) expect(l).toMatch(/^::(error|warning|notice) file=[^,:\n]*,line=\d+,col=\d+,title=[A-Z0-9_]+::/);
    const text = runs['hostile:check:text']!.stdout.split('\n').filter(Boolean);
    expect(text).toHaveLength(n);
    for (const l of text) expect(l).toMatch(/^(?:[^":]+|"(?:[^"\\]|\\.)*"):\d+:\d+ (error|warning|info) [A-Z0-9_]+ /);
  });
});

describe('export on a copy of the hostile repository', () => {
  it('writes only Markdown between markers, leaves every other file as it was', () => {
    const before = copyBefore;
    const after = snapshot(join(tmp, 'hostile-copy'));
    const changed = [...after].filter(([rel, v]) => before.get(rel) !== v).map(([rel]) => rel);
    expect(changed.length).toBeGreaterThan(0);
    for (const rel of changed) expect(rel).toMatch(/(^|\/)(README|SECRETS|CHANGELOG)\.md$/);
    for (const rel of before.keys()) expect(after.has(rel), rel).toBe(true);
    expect(lstatSync(join(tmp, 'hostile-copy/hostile/passwd.yaml')).isSymbolicLink()).toBe(true);
  });

  it('issue 22: refuses the dangling symlink out of the repository, the folder named README.md and the UTF-16 README, each with a finding', () => {
    const run = runs['hostile:export']!;
    const copy = join(tmp, 'hostile-copy');
    expect(run.stderr.split('\n').filter((l) => / EXPORT_/.test(l)).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'hostile/odd/README.md:1:1 error EXPORT_TARGET_NOT_A_FILE',
      'hostile/README.md:1:1 error EXPORT_TARGET_SYMLINK',
      'kubernetes/flux/cluster/README.md:1:1 error EXPORT_ENCODING_UNSUPPORTED',
    ]);
    // Nothing was created where the link points (beside both the repository and its copy).
    expect(existsSync(join(copy, 'hostile', OUTSIDE_TARGET.replace('../', '../../')))).toBe(false);
    expect(lstatSync(join(copy, 'hostile/README.md')).isSymbolicLink()).toBe(true);
    expect(statSync(join(copy, 'hostile/odd/README.md')).isDirectory()).toBe(true);
    expect(readFileSync(join(copy, 'kubernetes/flux/cluster/README.md')).equals(readFileSync(join(hostile, 'kubernetes/flux/cluster/README.md')))).toBe(true);
    expect(run.stdout).toMatch(/^wrote [1-9]\d* of \d+ files; 3 left alone/);
  });
});
