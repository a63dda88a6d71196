/**
 * `atlas scan --json` and `atlas check --format json` report the same findings (issue 18): both
 * commands run in-process on the example repository and every fixture repository, their stdout
 * parsed as a user's script would.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCommand } from '../../scripts/commands/check.ts';
import { findingsDisagree, type CheckJsonFinding, type ScanFinding } from '../../scripts/commands/findings-agree.ts';
import { scanCommand } from '../../scripts/commands/scan.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/repos');
const REPOS = [join(ROOT, 'examples/homelab'), ...readdirSync(FIXTURES).sort().map((r) => join(FIXTURES, r))];

/** Run one command and return what it wrote on stdout (stderr is dropped). */
async function stdoutOf(run: () => Promise<number>): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('scan --json and check --format json report the same findings', () => {
  it.each(REPOS.map((r) => [r.slice(ROOT.length + 1), r]))('%s', async (_name, repo) => {
    const scan = JSON.parse(await stdoutOf(() => scanCommand({ repo, json: true, quiet: true }))) as { findings: ScanFinding[] };
    const check = JSON.parse(await stdoutOf(() => checkCommand({ repo, format: 'json', quiet: true }))) as { findings: CheckJsonFinding[] };
    expect(findingsDisagree(scan.findings, check.findings)).toEqual([]);
    expect(scan.findings.length).toBe(check.findings.length);
  });

  it('the example reports its roadmap findings through both commands', async () => {
    const repo = join(ROOT, 'examples/homelab');
    const scan = JSON.parse(await stdoutOf(() => scanCommand({ repo, json: true, quiet: true }))) as { findings: ScanFinding[] };
    // ROADMAP.md findings were the ones `scan` once missed (it ran a pipeline of its own).
    expect(scan.findings.filter((f) => f.file === 'ROADMAP.md').length).toBeGreaterThan(0);
  });
});

describe('findingsDisagree', () => {
  const f: ScanFinding = { code: 'X', severity: 'info', file: 'a.yaml', line: 2, col: 1, message: 'm' };
  const c = (x: ScanFinding): CheckJsonFinding => ({ code: x.code, severity: x.severity, message: x.message, source: { file: x.file, line: x.line, col: x.col } });
  it('names a finding only one side reports, counting duplicates', () => {
    expect(findingsDisagree([f], [c(f)])).toEqual([]);
    expect(findingsDisagree([f, f], [c(f)])).toEqual(['scan only: info X a.yaml:2:1 m']);
    expect(findingsDisagree([], [c({ ...f, line: 3 })])).toEqual(['check only: info X a.yaml:3:1 m']);
    expect(findingsDisagree([f], [c({ ...f, severity: 'warning' })])).toEqual(['check only: warning X a.yaml:2:1 m', 'scan only: info X a.yaml:2:1 m']);
  });
});
