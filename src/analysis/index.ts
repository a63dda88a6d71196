import type { AtlasConfig } from '../config/schema.ts';
import { sortFindings, type Finding } from '../model/finding.ts';
import type { RepoModel } from '../model/repo-model.ts';
import { analyzeGraph, type GraphAnalysis } from './graph/analyze.ts';

/**
 * Everything the site, exports and checks show that can be computed from the model alone, computed
 * once. Pure: no I/O (git history and file texts are read by src/repo and passed in by callers).
 */
export interface Analysis {
  graph: GraphAnalysis;
  /** The model's findings and every analysis' findings, sorted (file, line, code). */
  findings: Finding[];
}

export function analyse(model: RepoModel, _config: AtlasConfig): Analysis {
  const graph = analyzeGraph(model);
  return {
    graph: graph.result,
    findings: sortFindings([...model.findings, ...graph.findings]),
  };
}
