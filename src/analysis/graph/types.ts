import type { Source } from '../../model/source.ts';

/** Flux objects that can carry `dependsOn`: Kustomizations, and HelmReleases (a separate kind of node). */
export type GraphNodeKind = 'kustomization' | 'helmrelease';

/** One node of the dependency graph: an active Flux Kustomization, or a HelmRelease that takes part in dependsOn. */
export interface GraphNode {
  /** The model object's id (`Kustomization/flux-system/plex`). */
  id: string;
  kind: GraphNodeKind;
  name: string;
  /** metadata.namespace, which is what dependsOn entries resolve against. */
  namespace: string | null;
  /**
   * The namespace a person files the node under: the app's namespace, else targetNamespace, else
   * metadata.namespace. Many repos keep every Kustomization in flux-system, so grouping by
   * metadata.namespace alone would put the whole repo in one box.
   */
  group: string;
  appId: string | null;
  cluster: string | null;
  /** A cluster root (flux-system sync) reaches it. */
  reachedFromRoot: boolean;
  isRoot: boolean;
  /** Kustomization `wait: true`; HelmReleases wait by default (true). */
  wait: boolean;
  healthChecks: number;
  suspended: boolean;
  source: Source;
}

/** One dependsOn entry: from the dependent to its dependency. */
export interface GraphEdge {
  from: string;
  /** Id of the target; for a missing target, the id it would have. */
  to: string;
  kind: GraphNodeKind;
  /** Whether `to` is a node of the graph. */
  resolved: boolean;
  /** Position of the dependsOn entry. */
  source: Source;
}

/** The dependency graph; nodes and edges sorted by id (edges by from, to, file, line). */
export interface DepGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Every elementary cycle, as node ids, rotated so the smallest id comes first. */
  cycles: string[][];
  /** The cycle enumeration stopped at its bound; `cycles` is then incomplete. */
  cyclesTruncated: boolean;
}
