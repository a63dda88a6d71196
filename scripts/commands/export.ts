import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { applyExport, planExport } from '../../src/lib/export/write-plan.ts';
import { terminalText } from '../../src/lib/terminal-text.ts';
import type { Finding } from '../../src/model/finding.ts';
import { configOverrides, type CliValues } from '../cli-args.ts';

/**
 * `atlas export --repo PATH [--check]`: write README.md per app, SECRETS.md and CHANGELOG.md between
 * the ATLAS markers, never touching text outside them. `--check` writes nothing and exits 1 naming
 * each file that is out of date. Every target is read and checked before the first write
 * (src/lib/export/write-plan.ts), and every write goes through src/lib/export/safe-write.ts: a
 * file behind a symlink, a folder named README.md or a non-UTF-8 file is left alone, with a finding.
 */
export async function exportCommand(v: CliValues): Promise<number> {
  const repo = resolve(v.repo ?? '.');
  const config = loadConfig(repo, configOverrides(v));
  const { computeAtlas } = await import('../../src/loaders/atlas-data.ts');
  const targets = await exportTargets(await computeAtlas(repo, config));
  const plan = planExport(repo, targets);
  const print = (f: Finding) => process.stderr.write(`${terminalText(f.source.file)}:${f.source.line}:${f.source.col} ${f.severity} ${f.code} ${terminalText(f.message)}\n`);
  for (const f of plan.findings) print(f);
  const alone = plan.leftAlone.length;
  if (v.check) {
    for (const w of plan.writes) process.stdout.write(`out of date: ${terminalText(w.file)}\n`);
    process.stdout.write(`${plan.upToDate} of ${plan.total} files up to date${alone ? `, ${alone} left alone (see the findings above)` : ''}\n`);
    return plan.writes.length || alone ? 1 : 0;
  }
  const result = applyExport(repo, plan);
  for (const f of result.findings) print(f);
  process.stdout.write(`wrote ${result.written.length} of ${plan.total} files${alone ? `; ${alone} left alone (see the findings above)` : ''}\n`);
  return alone || result.findings.length ? 1 : 0;
}
