import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../src/config/load.ts';
import type { Severity } from '../../src/model/finding.ts';
import { makeBaseline, newFindings, parseBaseline, serialiseBaseline } from '../../src/lib/check/baseline.ts';
import { FORMATS, formatFindings, summary, type Format } from '../../src/lib/check/format.ts';
import { type CliValues, type CommandSpec, configOverrides, emptyRepoHint } from '../cli-args.ts';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const spec: CommandSpec = {
  name: 'check',
  summary: 'Print every finding for CI; exit 1 when one reaches --fail-on',
  flags: [
    { flags: '--format <format>', description: 'report format (default: text)', choices: FORMATS },
    { flags: '--fail-on <severity>', description: 'lowest severity that fails the run (default: error)', choices: ['error', 'warning', 'info'] },
    { flags: '--baseline <file>', description: 'report only findings not in this baseline file' },
    { flags: '--write-baseline <file>', description: 'write the current findings as a baseline and exit 0' },
  ],
  examples: ['atlas check --repo ../home-ops --format github', 'atlas check --repo . --write-baseline .atlas-baseline.json', 'atlas check --repo . --baseline .atlas-baseline.json --fail-on warning'],
  exitCodes: { 0: 'no active finding at --fail-on or above', 1: 'at least one active finding at --fail-on or above' },
  run: checkCommand,
};

/**
 * `atlas check --repo PATH [--format text|json|github|sarif] [--fail-on error|warning|info]
 * [--baseline FILE] [--write-baseline FILE]`: every finding, for CI. stdout carries only the report;
 * exit 1 when an active (not silenced, not baselined) finding reaches --fail-on, 0 otherwise, 2 on bad flags.
 */
export async function checkCommand(v: CliValues): Promise<number> {
  const format = (v.format ?? 'text') as Format;
  const failOn = (v['fail-on'] ?? 'error') as Severity;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}`);
  if (!(failOn in RANK)) return usage('--fail-on must be error, warning or info');
  const repo = v.repo ?? '.';
  const config = loadConfig(repo, configOverrides(v));
  const { computeAtlas } = await import('../../src/pipeline/atlas.ts');
  const atlas = await computeAtlas(repo, config);
  const { findings: active, silenced } = atlas.analysis;
  const hint = emptyRepoHint(atlas.model, repo);
  if (hint && !v.quiet) process.stderr.write(hint);

  if (v['write-baseline']) {
    writeFileSync(v['write-baseline'], serialiseBaseline(makeBaseline(active)));
    process.stderr.write(`atlas check: wrote ${active.length} fingerprints to ${v['write-baseline']}\n`);
    return 0;
  }
  let report = active;
  if (v.baseline) {
    let text: string;
    try {
      text = readFileSync(v.baseline, 'utf8');
    } catch (error) {
      return usage(`cannot read --baseline ${v.baseline}: ${(error as Error).message}`);
    }
    try {
      report = newFindings(active, parseBaseline(text));
    } catch (error) {
      return usage(`--baseline ${v.baseline}: ${(error as Error).message}`);
    }
  }
  process.stdout.write(formatFindings(format, report, silenced));
  process.stderr.write(`atlas check: ${summary(report)}${silenced.length ? `, ${silenced.length} silenced` : ''}\n`);
  return report.some((f) => RANK[f.severity] <= RANK[failOn]) ? 1 : 0;
}

function usage(message: string): number {
  process.stderr.write(`atlas check: ${message}\n`);
  return 2;
}
