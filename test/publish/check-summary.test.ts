import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkflow, stepOf } from './workflow-files.ts';

/**
 * The check workflow's "Summary and annotations" step, run as GitHub runs it (`bash --noprofile
 * --norc -eo pipefail` with the step's env) on the SARIF that `atlas check --format sarif` writes
 * for the example repository: counts by severity, new versus a baseline written by
 * `atlas check --write-baseline`, the first ANNOTATIONS new findings as workflow commands, and the
 * step's exit code.
 */
const script = stepOf(readWorkflow('examples/workflows/atlas-check.yml'), 'summary').run!;
const dir = mkdtempSync(join(tmpdir(), 'atlas-check-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Sarif {
  runs: { results: { ruleId: string; level: string; message: { text: string }; partialFingerprints: { atlasFingerprint: string } }[] }[];
}
let sarifFile: string;
let sarif: Sarif;
let severities: string[];

const atlas = (args: string[]) => spawnSync(process.execPath, ['scripts/atlas.mjs', ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

beforeAll(() => {
  const out = atlas(['check', '--repo', 'examples/homelab', '--format', 'sarif']);
  expect([0, 1]).toContain(out.status);
  sarifFile = join(dir, 'atlas.sarif');
  writeFileSync(sarifFile, out.stdout);
  sarif = JSON.parse(out.stdout) as Sarif;
  // The same findings through the JSON format: the summary's counts are checked against these.
  severities = (JSON.parse(atlas(['check', '--repo', 'examples/homelab', '--format', 'json']).stdout) as { findings: { severity: string }[] }).findings.map((f) => f.severity);
});

function summarise(env: Record<string, string>) {
  const summaryFile = join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, SARIF: sarifFile, BASELINE: join(dir, 'none.json'), FAIL_ON: 'error', ANNOTATIONS: '10', GITHUB_STEP_SUMMARY: summaryFile, ...env },
  });
  const commands = run.stdout.split('\n').filter((l) => l.startsWith('::'));
  let summary = '';
  try {
    summary = readFileSync(summaryFile, 'utf8');
  } catch {}
  return { status: run.status, stderr: run.stderr, commands, summary };
}

const count = (level: string) => severities.filter((s) => s === level).length;

describe('atlas-check summary step', () => {
  it('the example has findings of every severity, more than ten (what the step is for)', () => {
    expect(count('error')).toBeGreaterThan(0);
    expect(count('warning')).toBeGreaterThan(0);
    expect(count('info')).toBeGreaterThan(0);
    expect(severities.length).toBeGreaterThan(10);
    expect(sarif.runs[0]!.results).toHaveLength(severities.length);
  });

  it('without a baseline: every finding is new, ten annotations errors first, a note for the rest, and the job fails on errors', () => {
    const r = summarise({});
    expect(r.stderr).toBe('');
    const annotations = r.commands.filter((c) => /^::(error|warning|notice) file=/.test(c));
    expect(annotations).toHaveLength(10);
    expect(annotations.slice(0, count('error')).every((c) => c.startsWith('::error '))).toBe(true);
    expect(r.commands).toContain(`::notice title=gitops-atlas::${severities.length - 10} more new findings: see the job summary and code scanning`);
    expect(r.summary).toContain('No baseline');
    expect(r.summary).toContain(`| error | ${count('error')} | ${count('error')} |`);
    expect(r.summary).toContain(`| warning | ${count('warning')} | ${count('warning')} |`);
    expect(r.summary).toContain(`| info | ${count('info')} | ${count('info')} |`);
    expect(r.summary).toContain(`**${count('error')} new finding(s) at error or above: the check fails.**`);
    expect(r.status).toBe(1);
  });

  it('with a baseline of every finding (atlas check --write-baseline): nothing new, no annotation, the job passes', () => {
    const baseline = join(dir, 'all.json');
    expect(atlas(['check', '--repo', 'examples/homelab', '--write-baseline', baseline]).status).toBe(0);
    const r = summarise({ BASELINE: baseline });
    expect(r.commands).toEqual([]);
    expect(r.summary).toContain(`| error | ${count('error')} | 0 |`);
    expect(r.summary).toContain('No new finding at error or above.');
    expect(r.status).toBe(0);
  });

  it('one warning missing from the baseline: one annotation; fails only when FAIL_ON reaches warnings', () => {
    const results = sarif.runs[0]!.results;
    const fingerprints = [...new Set(results.map((x) => x.partialFingerprints.atlasFingerprint))];
    const warning = results.find((x) => x.level === 'warning' && results.filter((y) => y.partialFingerprints.atlasFingerprint === x.partialFingerprints.atlasFingerprint).length === 1)!;
    const baseline = join(dir, 'one-missing.json');
    writeFileSync(baseline, JSON.stringify({ version: 1, fingerprints: fingerprints.filter((f) => f !== warning.partialFingerprints.atlasFingerprint) }));
    const onErrors = summarise({ BASELINE: baseline });
    expect(onErrors.commands).toHaveLength(1);
    expect(onErrors.commands[0]).toMatch(new RegExp(`^::warning file=[^,]+,line=\\d+,col=\\d+,title=${warning.ruleId}::`));
    expect(onErrors.summary).toContain('| warning | ' + count('warning') + ' | 1 |');
    expect(onErrors.status).toBe(0);
    expect(summarise({ BASELINE: baseline, FAIL_ON: 'warning' }).status).toBe(1);
  });

  it('repository text cannot forge a workflow command or markup in the summary', () => {
    const hostile = join(dir, 'hostile.sarif');
    const message = 'bad\n::error file=x::forged <script>alert(1)</script> | 100%';
    writeFileSync(hostile, JSON.stringify({ runs: [{ results: [{ ruleId: 'X_Y', level: 'warning', message: { text: message }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a,b:c.yaml' }, region: { startLine: 3, startColumn: 1 } } }], partialFingerprints: { atlasFingerprint: 'f' } }] }] }));
    const r = summarise({ SARIF: hostile });
    expect(r.commands).toEqual(['::warning file=a%2Cb%3Ac.yaml,line=3,col=1,title=X_Y::bad%0A::error file=x::forged <script>alert(1)</script> | 100%25']);
    expect(r.summary).not.toContain('<script>');
    expect(r.summary).toContain('&lt;script&gt;alert(1)&lt;/script&gt; \\| 100%');
    expect(r.status).toBe(0);
  });

  it('refuses a FAIL_ON it does not know rather than passing', () => {
    expect(summarise({ FAIL_ON: 'warnings' }).status).not.toBe(0);
  });
});
