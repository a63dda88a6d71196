/**
 * What the graph pages show, as plain data: which diagrams, which nodes in the text lists under
 * them, which findings and cycles belong to a namespace. Pure, so the pages stay render-only and
 * the choices are tested without a build.
 */
import { cmp } from '../../analysis/graph/build.ts';
import { nodeLabel, type DepGraph, type GraphNode } from '../../analysis/graph/types.ts';
import type { Finding } from '../../model/finding.ts';
import type { MermaidDiagram } from '../../render/mermaid/diagram.ts';
import { appHref, namespaceGraphHref, sitePath } from '../../render/mermaid/site-href.ts';
import { appNeighbourhood, namespaceGraph, namespaceOverview } from '../../render/mermaid/to-mermaid.ts';
import { foldExternals } from './graph-fold.ts';
import { segment } from './urls.ts';

/** Neighbourhood on app pages: two dependsOn steps each way, at most 30 nodes (the rest folded). */
export const NEIGHBOURHOOD = { depth: 2, maxNodes: 30 } as const;

/** A graph node as a link in a list. */
export interface NodeRef {
  id: string;
  /** `namespace/name` of the Flux object (its own namespace, the one `flux reconcile -n` takes), the way the diagrams label outside nodes. */
  label: string;
  /** The app page, else the namespace graph the node is filed under. */
  href: string;
  kind: GraphNode['kind'];
}

function nodeRef(n: GraphNode, base: string): NodeRef {
  // In a multi-cluster repository one name is one node per cluster: the label says which.
  return { id: n.id, label: `${nodeLabel(n)}${n.cluster ? ` (${n.cluster})` : ''}`, href: n.appId ? appHref(base, n.appId) : namespaceGraphHref(base, n.group), kind: n.kind };
}

/** A lookup of node refs by id, for lists of ids (metrics, cycles). */
export function nodeRefs(graph: DepGraph, base: string): (id: string) => NodeRef | null {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  return (id) => {
    const n = byId.get(id);
    return n ? nodeRef(n, base) : null;
  };
}

export interface GroupSummary {
  group: string;
  nodes: number;
  /** Resolved dependsOn entries whose both ends are in the group. */
  internalEdges: number;
}

/** Every namespace (graph group) with a graph page, sorted by name. */
export function graphGroups(graph: DepGraph): GroupSummary[] {
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  const out = new Map<string, GroupSummary>();
  for (const n of graph.nodes) {
    const s = out.get(n.group) ?? { group: n.group, nodes: 0, internalEdges: 0 };
    s.nodes++;
    out.set(n.group, s);
  }
  for (const e of graph.edges) if (e.resolved && groupOf.get(e.from) === groupOf.get(e.to)) out.get(groupOf.get(e.from)!)!.internalEdges++;
  return [...out.values()].sort((a, b) => cmp(a.group, b.group));
}

export function overviewDiagram(graph: DepGraph, base: string): MermaidDiagram {
  return namespaceOverview(graph, { base });
}

/** The namespace graph as drawn on the site and in its .mmd: outside nodes folded past 30. */
export function namespaceDiagram(graph: DepGraph, namespace: string, base: string): MermaidDiagram {
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  return foldExternals(namespaceGraph(graph, namespace, { base }), (key) => groupOf.get(key), { base });
}

export function neighbourhoodDiagram(graph: DepGraph, appId: string, base: string): MermaidDiagram {
  return appNeighbourhood(graph, appId, { base, ...NEIGHBOURHOOD });
}

/** Whether any dependsOn entry (resolved or not) starts or ends at one of the app's nodes. */
export function appHasEdges(graph: DepGraph, appId: string): boolean {
  const own = new Set(graph.nodes.filter((n) => n.appId === appId).map((n) => n.id));
  return graph.edges.some((e) => own.has(e.from) || own.has(e.to));
}

/**
 * What the app page's graph section says when it draws nothing: 'none' where the app has no
 * dependency at all; 'shared' where the page lists dependencies that are no edges of the app's own
 * (a Kustomization that applies it with other apps carries them, or its HelmReleases do), so the
 * page does not say "no dependencies" under a list of them (outside review).
 */
export function undrawnNeighbourhood(graph: DepGraph, appId: string, links: number): 'drawn' | 'none' | 'shared' {
  if (appHasEdges(graph, appId)) return 'drawn';
  return links > 0 ? 'shared' : 'none';
}

/** One node of a namespace in the text list under its graph: what it depends on and what needs it. */
export interface NodeListEntry extends NodeRef {
  /** spec.targetNamespace, where it applies to: beside the object's own namespace, never in its label. */
  targetNamespace: string | null;
  dependsOn: (NodeRef | { id: string; label: string; href: null })[];
  dependents: NodeRef[];
}

const byLabel = (a: { label: string }, b: { label: string }) => cmp(a.label, b.label);

export function namespaceNodeList(graph: DepGraph, namespace: string, base: string): NodeListEntry[] {
  const ref = nodeRefs(graph, base);
  return graph.nodes
    .filter((n) => n.group === namespace)
    .map((n) => ({
      ...nodeRef(n, base),
      targetNamespace: n.targetNamespace,
      dependsOn: graph.edges
        .filter((e) => e.from === n.id && e.to !== n.id)
        .map((e) => ref(e.to) ?? { id: e.to, label: `${e.to} (missing)`, href: null })
        .sort(byLabel),
      dependents: graph.edges
        .filter((e) => e.resolved && e.to === n.id && e.from !== n.id)
        .map((e) => ref(e.from)!)
        .sort(byLabel),
    }))
    .sort(byLabel);
}

/**
 * The namespaces, other than `namespace`, whose graphs hold the dependsOn entries of these apps: a
 * namespace page whose apps are deployed by Kustomizations in flux-system points there, rather than
 * saying its apps declare no dependencies.
 */
export function appGraphsElsewhere(graph: DepGraph, appIds: ReadonlySet<string>, namespace: string): string[] {
  const own = new Set(graph.nodes.filter((n) => n.appId !== null && appIds.has(n.appId)).map((n) => n.id));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const groups = new Set<string>();
  for (const e of graph.edges)
    for (const id of [e.from, e.to]) if (own.has(id) && byId.get(id)!.group !== namespace) groups.add(byId.get(id)!.group);
  return [...groups].sort(cmp);
}

/**
 * The dependency-graph findings, optionally only those about one namespace's nodes (by the
 * finding's objectId). A finding without an object (the cycle limit) shows on the overview only.
 */
export function graphFindings(findings: readonly Finding[], graph: DepGraph, namespace?: string): Finding[] {
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  return findings.filter((f) => f.area === 'graph' && (namespace === undefined || (f.objectId !== undefined && groupOf.get(f.objectId) === namespace)));
}

/** Cycles as node paths, closed (the first node repeated at the end); with a namespace, those touching it. */
export function cyclePaths(graph: DepGraph, base: string, namespace?: string): NodeRef[][] {
  const ref = nodeRefs(graph, base);
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  return graph.cycles
    .filter((c) => namespace === undefined || c.some((id) => groupOf.get(id) === namespace))
    .map((c) => [...c, c[0]!].map((id) => ref(id)!));
}

/** One arrow of a diagram in words, for the text list under it (screen readers, search, no-SVG readers). */
export interface EdgeLine {
  from: { label: string; href: string | null };
  to: { label: string; href: string | null };
  /** The arrow's label (the number of dependsOn entries on the overview), if any. */
  label: string | null;
  missing: boolean;
}

/** The arrows of a diagram in apply order (dependency first), sorted by the dependent's label. */
export function diagramEdgeLines(d: MermaidDiagram): EdgeLine[] {
  const byId = new Map(d.nodes.map((n) => [n.id, n]));
  const end = (id: string) => ({ label: byId.get(id)!.label, href: byId.get(id)!.href });
  return d.edges
    .map((e) => ({ from: end(e.from), to: end(e.to), label: e.label, missing: e.dashed }))
    .sort((a, b) => cmp(a.to.label, b.to.label) || cmp(a.from.label, b.from.label));
}

/** `/graph/overview.mmd` or `/graph/<namespace>.mmd`, under the site base. */
export function mmdHref(base: string, namespace: string | null): string {
  const dir = sitePath(base, ['graph']);
  return `${dir}${segment(namespace ?? 'overview')}.mmd`;
}
