/**
 * Issue 22, "folder names with newlines or terminal escapes are printed raw on export's stderr
 * (GitHub workflow command injection: `::error ...`)": an app folder named
 * `evil\n::error file=.github/workflows/ci.yml::pwned <OSC 52 clipboard write>` whose README.md is
 * a folder, so that export prints a finding with the path. Export's stderr and check's text and
 * github formats print it escaped: one line per finding, nothing a runner or terminal interprets.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatText } from '../../src/lib/check/format.ts';
import { terminalText } from '../../src/lib/terminal-text.ts';

const PROJECT = join(import.meta.dirname, '../..');
const EVIL = 'apps/evil\n::error file=.github/workflows/ci.yml::pwned \u001b]52;c;cHduZWQ=\u0007 \u202etxt.exe';
const tmp = mkdtempSync(join(tmpdir(), 'atlas-terminal-'));
const repo = join(tmp, 'repo');

beforeAll(() => {
  mkdirSync(join(repo, EVIL, 'app'), { recursive: true });
  writeFileSync(
    join(repo, EVIL, 'ks.yaml'),
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: evil\n  namespace: flux-system\nspec:\n  dependsOn:\n    - name: not-there\n  path: ${JSON.stringify(`./${EVIL}/app`)}\n  interval: 1h\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`,
  );
  writeFileSync(join(repo, EVIL, 'app/helmrelease.yaml'), 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: evil\n  namespace: default\nspec:\n  chart:\n    spec: {chart: x, sourceRef: {kind: HelmRepository, name: x}}\n');
  mkdirSync(join(repo, EVIL, 'README.md'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [join(PROJECT, 'scripts/atlas.mjs'), ...args], { encoding: 'utf8', cwd: PROJECT, env: { ...process.env, NO_COLOR: '1' } });

/** What a runner or terminal would act on: a line starting a workflow command, or a raw control character. */
function dangers(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    if (/^\s*(::|##\[)/.test(line)) out.push(`command: ${JSON.stringify(line.slice(0, 60))}`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(line)) out.push(`control: ${JSON.stringify(line.slice(0, 60))}`);
  }
  return out;
}

describe('repository strings reach terminals and CI logs escaped', () => {
  it('terminalText: newlines, ANSI/OSC escapes, separators and bidi overrides become \\u escapes; :: and ##[ at the start are neutralised', () => {
    expect(terminalText('a\nb')).toBe('a\\u000ab');
    expect(terminalText('\u001b]52;c;x\u0007')).toBe('\\u001b]52;c;x\\u0007');
    expect(terminalText('x\u2028y\u202ez')).toBe('x\\u2028y\\u202ez');
    expect(terminalText('::error::x')).toBe('\\u003a:error::x');
    expect(terminalText('  ##[group]x')).toBe('  \\u0023#[group]x');
    expect(terminalText('ok: a::b ## [c]')).toBe('ok: a::b ## [c]');
  });

  it('export: the finding about the evil folder is one escaped line on stderr', () => {
    const run = cli('export', '--repo', repo);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^apps\/evil\\u000a::error .*README\.md:1:1 error EXPORT_TARGET_NOT_A_FILE /);
    expect(dangers(run.stderr + run.stdout)).toEqual([]);
  });

  it('check --format text and github: one line per finding, no command and no control character', () => {
    const json = JSON.parse(cli('check', '--format', 'json', '--repo', repo).stdout) as { findings: { source: { file: string } }[] };
    expect(json.findings.some((f) => f.source.file.includes('::error'))).toBe(true);
    const text = cli('check', '--format', 'text', '--repo', repo).stdout;
    expect(text.split('\n').filter(Boolean)).toHaveLength(json.findings.length);
    expect(dangers(text)).toEqual([]);
    const github = cli('check', '--format', 'github', '--repo', repo).stdout.split('\n').filter(Boolean);
    expect(github).toHaveLength(json.findings.length);
    for (const line of github) expect(line).toMatch(/^::(error|warning|notice) file=[^\n]*::/);
    expect(dangers(github.map((l) => l.replace(/^::(error|warning|notice) /, '')).join('\n'))).toEqual([]);
  });

  it('a path that itself starts with :: is quoted in the text format', () => {
    const out = formatText([{ code: 'YAML_WARNING', severity: 'info', message: 'm', source: { file: '::error file=a::b.yaml', line: 1, col: 1 } }]);
    expect(out).toBe('"\\u003a:error file=a::b.yaml":1:1 info YAML_WARNING m\n'.replace('\\u003a', ':'));
    expect(dangers(out)).toEqual([]);
  });
});
