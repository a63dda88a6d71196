/**
 * dependsOn edges added and removed, and what they break or fix: cycles and entries whose target
 * does not exist. Edges are matched by (from, to), so moving an entry within a file changes nothing.
 */
import type { GraphEdge } from '../../analysis/graph/types.ts';
import type { DiffReport, Edge } from './schema.ts';
import { missingFrom, type DiffSide } from './side.ts';

const edge = (e: GraphEdge): Edge => ({ from: e.from, to: e.to, resolved: e.resolved, file: e.source.file, line: e.source.line });
const edgeKey = (e: Edge): string => `${e.from}\u0000${e.to}`;
const cycleKey = (c: readonly string[]): string => c.join('\u0000');

export function diffGraph(base: DiffSide, head: DiffSide): DiffReport['dependsOn'] {
  const gb = base.analysis.graph.graph;
  const gh = head.analysis.graph.graph;
  const eb = gb.edges.map(edge);
  const eh = gh.edges.map(edge);
  const missingB = eb.filter((e) => !e.resolved);
  const missingH = eh.filter((e) => !e.resolved);
  return {
    added: missingFrom(eh, eb, edgeKey),
    removed: missingFrom(eb, eh, edgeKey),
    newCycles: missingFrom(gh.cycles, gb.cycles, cycleKey),
    fixedCycles: missingFrom(gb.cycles, gh.cycles, cycleKey),
    newMissing: missingFrom(missingH, missingB, edgeKey),
    fixedMissing: missingFrom(missingB, missingH, edgeKey),
  };
}
