import { countModel } from '../../src/analysis/counts.ts';
import { loadConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { configOverrides, type CliValues } from '../cli-args.ts';
import { progressReporter } from './progress.ts';

/** `atlas scan --repo PATH [--json]`: the model's summary; stdout carries only the JSON. */
export async function scanCommand(v: CliValues): Promise<number> {
  const repo = v.repo ?? '.';
  const config = loadConfig(repo, configOverrides(v));
  const { model } = await scanRepo(repo, config, { progress: v.quiet ? undefined : progressReporter('scan') });
  const { analyse } = await import('../../src/analysis/index.ts');
  const analysis = analyse(model, config);
  const summary = {
    name: model.name,
    counts: countModel(model),
    findings: analysis.findings.map((f) => ({ code: f.code, severity: f.severity, file: f.source.file, line: f.source.line, col: f.source.col, message: f.message })),
  };
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
