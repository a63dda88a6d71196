import { sortFindings, type Finding } from '../../model/finding.ts';
import { buildGraph, type BuildGraphOptions, type GraphInput } from './build.ts';
import { checkImplicitDependencies, type ImplicitInput, type ImplicitOptions, type ImplicitViolation } from './implicit-check.ts';
import { DEFAULT_IMPLICIT_RULES, type ImplicitRule } from './implicit-rules.ts';
import { graphMetrics, type GraphMetrics } from './metrics.ts';
import { substituteOrderFindings } from './substitute-order.ts';
import type { DepGraph } from './types.ts';

export interface GraphAnalysis {
  graph: DepGraph;
  metrics: GraphMetrics;
  implicit: ImplicitViolation[];
}

/** The whole dependency analysis in one call: graph, implicit-dependency rules, metrics. */
export function analyzeGraph(
  model: GraphInput & ImplicitInput,
  options: BuildGraphOptions & ImplicitOptions & { rules?: readonly ImplicitRule[] } = {},
): { result: GraphAnalysis; findings: Finding[] } {
  const built = buildGraph(model, options);
  const implicit = checkImplicitDependencies(model, built.result, options.rules ?? DEFAULT_IMPLICIT_RULES, { preinstalled: options.preinstalled ?? [] });
  return {
    result: { graph: built.result, metrics: graphMetrics(built.result), implicit: implicit.result },
    findings: sortFindings([...built.findings, ...implicit.findings, ...('externalSecrets' in model && 'apps' in model ? substituteOrderFindings(model as Parameters<typeof substituteOrderFindings>[0], built.result) : [])]),
  };
}
