import type { Source } from '../../model/source.ts';

/** Flux objects that can carry `dependsOn`: Kustomizations, and HelmReleases (a separate kind of node). */
export type GraphNodeKind = 'kustomization' | 'helmrelease';

/** One node of the dependency graph: an active Flux Kustomization, or a HelmRelease that takes part in dependsOn. */
export interface GraphNode {
  /** The model object's id (`Kustomization/flux-system/plex`). */
  id: string;
  kind: GraphNodeKind;
  name: string;
  /**
   * metadata.namespace as built (after the namespace transformers of the kustomization.yaml files
   * that include it): where the object lives, what dependsOn entries resolve against and what
   * `flux reconcile ks <name> -n <namespace>` needs.
   */
  namespace: string | null;
  /**
   * The namespace the graph pages file the node under: its app's (else its targetNamespace, else its
   * own), so that each namespace graph shows the dependencies of the apps that run there. Never its name:
   * a node is labelled by its own `namespace/name` (nodeLabel), since a Kustomization in flux-system
   * shown as `kube-system/cilium` is an object that does not exist (outside review).
   */
  group: string;
  /** spec.targetNamespace: where the object puts what it applies (shown beside its name, not as its id). */
  targetNamespace: string | null;
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

/** How a node is named where it is not inside its own namespace's drawing: its own `namespace/name`, what `flux reconcile -n` takes. */
export function nodeLabel(n: Pick<GraphNode, 'namespace' | 'name' | 'group'>): string {
  return `${n.namespace ?? n.group}/${n.name}`;
}
