import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { applyExport, planExport } from '../../src/lib/export/write-plan.ts';
import { terminalText } from '../../src/lib/terminal-text.ts';
import type { Finding } from '../../src/model/finding.ts';
import { type CliValues, type CommandSpec, configOverrides, emptyRepoHint } from '../cli-args.ts';

export const spec: CommandSpec = {
  name: 'export',
  summary: 'Write README.md per app, SECRETS.md, CHANGELOG.md and runbook blocks between ATLAS markers',
  flags: [
    { flags: '--check', description: 'write nothing; exit 1 naming each file that is out of date' },
    { flags: '--format <format>', description: 'markdown (default: blocks in the repository), json (atlas.json + schema) or backstage (catalog-info.yaml per app)', choices: ['markdown', 'json', 'backstage'] },
    { flags: '--out <dir>', description: 'folder for --format json|backstage (required for backstage; json goes to stdout without it)' },
  ],
  examples: ['atlas export --repo ../home-ops', 'atlas export --repo . --check', 'atlas export --repo . --format json --out atlas-data', 'atlas export --repo . --format backstage --out ../catalog'],
  exitCodes: {
    0: 'files written, or (--check) all up to date',
    1: 'files out of date (--check), or files left alone (broken markers, a symlink, a non-UTF-8 file; see the findings)',
  },
  run: (v) => exportCommand(v),
};

/**
 * `atlas export --repo PATH [--check]`: write README.md per app, SECRETS.md and CHANGELOG.md between
 * the ATLAS markers, never touching text outside them. `--check` writes nothing and exits 1 naming
 * each file that is out of date. Every target is read and checked before the first write
 * (src/lib/export/write-plan.ts), and every write goes through src/lib/export/safe-write.ts: a
 * file behind a symlink, a folder named README.md or a non-UTF-8 file is left alone, with a finding.
 * `--format json|backstage` writes the atlas as data into a folder of its own instead.
 */
export async function exportCommand(v: CliValues): Promise<number> {
  const repo = resolve(v.repo ?? '.');
  const config = loadConfig(repo, configOverrides(v));
  const { computeAtlas } = await import('../../src/pipeline/atlas.ts');
  if (v.format !== undefined && v.format !== 'markdown') {
    const { DATA_FORMATS, runDataExport } = await import('../../src/lib/export/data-export.ts');
    const format = DATA_FORMATS.find((f) => f === v.format);
    if (!format) {
      process.stderr.write(`Unknown export format "${v.format}": markdown, ${DATA_FORMATS.join(', ')}\n`);
      return 2;
    }
    // The data exports carry what the site's /atlas.json does, SOPS files' last commit dates too (they
    // change with every commit anyway: the changelog and HEAD are in them); SECRETS.md below does not.
    const result = await runDataExport(await computeAtlas(repo, config, { secretDates: true }), { format, out: v.out, check: v.check });
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    return result.code;
  }
  const atlas = await computeAtlas(repo, config);
  const hint = emptyRepoHint(atlas.model, repo);
  if (hint) process.stderr.write(hint);
  const plan = planExport(repo, exportTargets(atlas));
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
