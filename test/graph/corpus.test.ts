import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { checkImplicitDependencies } from '../../src/analysis/graph/implicit-check.ts';
import { graphMetrics } from '../../src/analysis/graph/metrics.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { namespaceOverview } from '../../src/render/mermaid/to-mermaid.ts';
import { renderDiagramSvg } from '../../src/render/mermaid/to-svg.ts';

const corpusDir = join(import.meta.dirname, '../../../shared/corpus');
const repos = ['tuxpeople__k8s-server', 'onedr0p__home-ops', 'mrtbi__homelab', 'wrmilling__k3s-gitops'];

describe.runIf(existsSync(corpusDir))(`dependency graph on the corpus${existsSync(corpusDir) ? '' : ' (skipped: no ../shared/corpus beside the project)'}`, () => {
  for (const repo of repos) {
    it(`${repo}: one edge per dependsOn entry, as corpus-meta.json counts them`, async () => {
      const meta = JSON.parse(readFileSync(join(corpusDir, repo, 'corpus-meta.json'), 'utf8')) as { stats: Record<string, number> };
      const { model } = await scanRepo(join(corpusDir, repo), parseConfig({}));
      const { result, findings } = buildGraph(model);
      const m = graphMetrics(result);
      expect(m.counts.kustomizationEdges).toBe(meta.stats['flux_ks_dependsOn_edges']);
      expect(m.counts.helmReleaseEdges).toBe(meta.stats['hr_dependsOn_edges']);
      // These repositories deploy: every entry resolves, and nothing is circular.
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      const implicit = checkImplicitDependencies(model, result);
      for (const f of implicit.findings) expect(f.message).toMatch(/^\[[a-z-]+\] /);
      const svg = renderDiagramSvg(namespaceOverview(result)).svg!;
      expect(svg).not.toContain('@import');
    });
  }
});
