import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { exportTargets } from '../../src/lib/export/targets.ts';
import { mergeGenerated } from '../../src/markdown/markers.ts';
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
  exitCodes: { 0: 'files written, or (--check) all up to date', 1: 'files out of date (--check), or files with broken markers left alone' },
  run: (v) => exportCommand(v),
};

/**
 * `atlas export --repo PATH [--check]`: write README.md per app, SECRETS.md and CHANGELOG.md between
 * the ATLAS markers, never touching text outside them. `--check` writes nothing and exits 1 naming
 * each file that is out of date. A file whose markers are broken is left alone, with a finding.
 */
export async function exportCommand(v: CliValues): Promise<number> {
  const repo = resolve(v.repo ?? '.');
  const config = loadConfig(repo, configOverrides(v));
  const { computeAtlas } = await import('../../src/loaders/atlas-data.ts');
  // --format json|backstage: the atlas as data, into its own folder (src/lib/export/data-export.ts).
  if (v.format !== undefined && v.format !== 'markdown') {
    const { DATA_FORMATS, runDataExport } = await import('../../src/lib/export/data-export.ts');
    const format = DATA_FORMATS.find((f) => f === v.format);
    if (!format) {
      process.stderr.write(`Unknown export format "${v.format}": markdown, ${DATA_FORMATS.join(', ')}\n`);
      return 2;
    }
    const result = await runDataExport(await computeAtlas(repo, config), { format, out: v.out, check: v.check });
    process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    return result.code;
  }
  const atlas = await computeAtlas(repo, config);
  const hint = emptyRepoHint(atlas.model, repo);
  if (hint) process.stderr.write(hint);
  const targets = await exportTargets(atlas);
  const stale: string[] = [];
  let broken = 0;
  let written = 0;
  for (const t of targets) {
    const path = join(repo, t.file);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : null;
    const merged = mergeGenerated(existing, t.generated, t.file, { title: t.title });
    for (const f of merged.findings) process.stderr.write(`${f.source.file}:${f.source.line}:${f.source.col} ${f.severity} ${f.code} ${f.message}\n`);
    if (merged.text === null) {
      broken++;
      continue;
    }
    if (!merged.changed) continue;
    if (v.check) {
      stale.push(t.file);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, merged.text);
    written++;
  }
  if (v.check) {
    for (const f of stale) process.stdout.write(`out of date: ${f}\n`);
    process.stdout.write(`${targets.length - stale.length - broken} of ${targets.length} files up to date${broken ? `, ${broken} with broken markers left alone` : ''}\n`);
    return stale.length || broken ? 1 : 0;
  }
  process.stdout.write(`wrote ${written} of ${targets.length} files${broken ? `; ${broken} with broken markers left alone` : ''}\n`);
  return broken ? 1 : 0;
}
