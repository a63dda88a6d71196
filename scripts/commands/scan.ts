import { countModel } from '../../src/analysis/counts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { type CliValues, type CommandSpec, configOverrides, emptyRepoHint } from '../cli-args.ts';
import { progressReporter } from './progress.ts';

export const spec: CommandSpec = {
  name: 'scan',
  summary: "Print the model's summary: apps, Flux objects, secrets, PVCs and findings",
  flags: [{ flags: '--json', description: 'print JSON on stdout (nothing else goes to stdout)' }],
  examples: ['atlas scan --repo ../home-ops', 'atlas scan --repo ../home-ops --json --quiet | jq .counts'],
  exitCodes: { 0: 'the repository was read (findings do not change the exit code; see atlas check)' },
  run: scanCommand,
};

/** `atlas scan --repo PATH [--json]`: the model's summary; stdout carries only the JSON. */
export async function scanCommand(v: CliValues): Promise<number> {
  const repo = v.repo ?? '.';
  const config = loadConfig(repo, configOverrides(v));
  // The same pipeline as check, export and the site (computeAtlas), so scan's findings are theirs.
  const { computeAtlas } = await import('../../src/pipeline/atlas.ts');
  const { model, analysis } = await computeAtlas(repo, config, { progress: v.quiet ? undefined : progressReporter('scan') });
  const summary = {
    name: model.name,
    counts: countModel(model),
    findings: analysis.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.source.file, line: f.source.line, col: f.source.col, message: f.message })),
  };
  const hint = emptyRepoHint(model, repo);
  if (hint) process.stderr.write(hint);
  if (v.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    const c = summary.counts;
    process.stdout.write(
      `${model.name}: ${c.apps} apps, ${c.fluxKustomizations} Flux Kustomizations (${c.dependsOnEdges} dependsOn), ${c.helmReleases} HelmReleases, ` +
        `${c.externalSecrets} ExternalSecrets, ${c.sopsFiles} SOPS files, ${c.plainSecrets} plain Secrets, ${c.pvcs} PVCs, ${summary.findings.length} findings\n`,
    );
  }
  return 0;
}
