import { cmp } from '../../analysis/graph/build.ts';
import { adjacency, reachable } from '../../analysis/graph/reach.ts';
import { nodeLabel, type DepGraph, type GraphEdge, type GraphNode } from '../../analysis/graph/types.ts';
import type { DiagramEdge, DiagramNode, MermaidDiagram, NodeStyle } from './diagram.ts';
import { appHref, namespaceGraphHref } from './site-href.ts';

export { toMermaidSource } from './diagram.ts';

/**
 * Three views that stay readable at a few hundred apps: namespaces with aggregated edges, one
 * namespace with its outside neighbours, and one app's neighbourhood. Arrows point in apply order,
 * from the dependency to the dependent (the reverse of `dependsOn`), so a chart reads left to right
 * the way a fresh cluster comes up.
 */
export interface ViewOptions {
  /** Site base ('/' or '/atlas/'); every link starts with it. */
  base?: string;
}

interface Pending {
  key: string;
  label: string;
  href: string | null;
  style: NodeStyle;
  shape: DiagramNode['shape'];
}

/** Numbers the nodes `n0…` in key order and maps edge ends from keys to those ids. */
function assemble(slug: string, title: string, pending: Pending[], edges: { from: string; to: string; label: string | null; dashed: boolean }[]): MermaidDiagram {
  const nodes = [...new Map(pending.map((p) => [p.key, p])).values()].sort((a, b) => cmp(a.key, b.key)).map((p, i): DiagramNode => ({ id: `n${i}`, ...p }));
  const idOf = new Map(nodes.map((n) => [n.key, n.id]));
  const seen = new Set<string>();
  const out: DiagramEdge[] = [];
  for (const e of [...edges].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to))) {
    const from = idOf.get(e.from);
    const to = idOf.get(e.to);
    const k = `${from}>${to}`;
    if (!from || !to || from === to || seen.has(k)) continue;
    seen.add(k);
    out.push({ from, to, label: e.label, dashed: e.dashed });
  }
  return { slug, title, nodes, edges: out };
}

/** Apply order: dependency first. */
const applyOrder = (e: GraphEdge) => ({ from: e.to, to: e.from });

function nodeHref(n: GraphNode, base: string): string {
  return n.appId ? appHref(base, n.appId) : namespaceGraphHref(base, n.group);
}

const shapeOf = (n: GraphNode): DiagramNode['shape'] => (n.kind === 'helmrelease' ? 'round' : 'box');

/** The name a missing target is shown under: `ns/name?`. */
function missingLabel(id: string): string {
  const [, ns, name] = id.split('/');
  return `missing: ${ns && ns !== '_cluster' ? `${ns}/` : ''}${name ?? id}`;
}

export interface OverviewOptions extends ViewOptions {
  /** Label an edge with its count from this many dependsOn entries on (default 2). */
  minCountLabel?: number;
}

/** One node per namespace (group), edges between namespaces with their count as the label. */
export function namespaceOverview(graph: DepGraph, options: OverviewOptions = {}): MermaidDiagram {
  const base = options.base ?? '/';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const size = new Map<string, number>();
  for (const n of graph.nodes) size.set(n.group, (size.get(n.group) ?? 0) + 1);
  const counts = new Map<string, number>();
  for (const e of graph.edges) {
    if (!e.resolved) continue;
    const a = byId.get(e.to)!.group;
    const b = byId.get(e.from)!.group;
    if (a !== b) counts.set(`${a}\u0000${b}`, (counts.get(`${a}\u0000${b}`) ?? 0) + 1);
  }
  const pending = [...size].map(([ns, count]): Pending => ({ key: ns, label: `${ns} · ${count}`, href: namespaceGraphHref(base, ns), style: 'default', shape: 'box' }));
  // Edge labels cost ELK a label node each (4x the layout time at 40 namespaces); an unlabelled
  // edge stands for one dependsOn entry.
  const minLabel = options.minCountLabel ?? 2;
  const edges = [...counts].map(([k, c]) => {
    const [from, to] = k.split('\u0000') as [string, string];
    return { from, to, label: c >= minLabel ? String(c) : null, dashed: false };
  });
  return assemble('overview', 'Namespaces', pending, edges);
}

/** The nodes of one namespace, plus the outside nodes they touch (styled external) and missing targets. */
export function namespaceGraph(graph: DepGraph, namespace: string, options: ViewOptions = {}): MermaidDiagram {
  const base = options.base ?? '/';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const inside = (id: string) => byId.get(id)?.group === namespace;
  const pending: Pending[] = [];
  const edges: DiagramEdge[] = [];
  for (const n of graph.nodes) if (n.group === namespace) pending.push({ key: n.id, label: n.name, href: nodeHref(n, base), style: 'default', shape: shapeOf(n) });
  for (const e of graph.edges) {
    if (!inside(e.from) && !inside(e.to)) continue;
    if (!e.resolved) {
      pending.push({ key: e.to, label: missingLabel(e.to), href: null, style: 'missing', shape: 'box' });
      edges.push({ ...applyOrder(e), label: null, dashed: true });
      continue;
    }
    for (const id of [e.from, e.to])
      if (!inside(id)) {
        const n = byId.get(id)!;
        pending.push({ key: id, label: nodeLabel(n), href: nodeHref(n, base), style: 'external', shape: shapeOf(n) });
      }
    edges.push({ ...applyOrder(e), label: null, dashed: false });
  }
  return assemble(`ns-${slugPart(namespace)}`, `Namespace ${namespace}`, pending, edges);
}

export interface NeighbourhoodOptions extends ViewOptions {
  /** How many dependsOn steps to follow upstream and downstream (default 2). */
  depth?: number;
  /**
   * Most nodes drawn (default 30). Nearer nodes win; the rest are folded into one "+N in <ns>"
   * node per direction and namespace, linked to that namespace's graph. Without it the
   * neighbourhood of cilium or coredns is the whole repository.
   */
  maxNodes?: number;
}

/** An app's nodes (focus), what they depend on and what depends on them, `depth` steps each way. */
export function appNeighbourhood(graph: DepGraph, appId: string, options: NeighbourhoodOptions = {}): MermaidDiagram {
  const base = options.base ?? '/';
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const focus = graph.nodes.filter((n) => n.appId === appId).map((n) => n.id);
  const near = new Map<string, { dist: number; dir: 'up' | 'down' }>();
  for (const dir of ['up', 'down'] as const)
    for (const [id, dist] of reachable(adjacency(graph, dir === 'up' ? 'upstream' : 'downstream'), focus, options.depth ?? 2))
      if (!focus.includes(id) && (near.get(id)?.dist ?? Infinity) > dist) near.set(id, { dist, dir });
  const ranked = [...near].sort(([a, x], [b, y]) => x.dist - y.dist || cmp(a, b));
  const room = Math.max(0, (options.maxNodes ?? 30) - focus.length);
  // Where each node is drawn: itself, or the fold node of its direction and namespace.
  const drawnAs = new Map<string, string>(focus.map((id) => [id, id]));
  const folds = new Map<string, { group: string; count: number }>();
  ranked.forEach(([id, { dir }], i) => {
    if (i < room) return void drawnAs.set(id, id);
    const group = byId.get(id)!.group;
    const key = `~more/${dir}/${group}`;
    folds.set(key, { group, count: (folds.get(key)?.count ?? 0) + 1 });
    drawnAs.set(id, key);
  });

  const pending: Pending[] = [...drawnAs].filter(([id, as]) => id === as).map(([id]) => {
    const n = byId.get(id)!;
    const own = n.appId === appId;
    return { key: id, label: own ? n.name : nodeLabel(n), href: own ? null : nodeHref(n, base), style: own ? 'focus' : 'external', shape: shapeOf(n) };
  });
  for (const [key, f] of folds) pending.push({ key, label: `+${f.count} in ${f.group}`, href: namespaceGraphHref(base, f.group), style: 'external', shape: 'box' });
  const edges: DiagramEdge[] = [];
  for (const e of graph.edges) {
    if (!e.resolved) {
      if (!focus.includes(e.from)) continue;
      pending.push({ key: e.to, label: missingLabel(e.to), href: null, style: 'missing', shape: 'box' });
      edges.push({ ...applyOrder(e), label: null, dashed: true });
      continue;
    }
    const from = drawnAs.get(e.from);
    const to = drawnAs.get(e.to);
    if (from && to && !(folds.has(from) && folds.has(to))) edges.push({ from: to, to: from, label: null, dashed: false });
  }
  return assemble(`app-${slugPart(appId)}`, `Neighbourhood of ${appId}`, pending, edges);
}

/** A slug piece for diagram ids: ASCII letters, digits and `-` only, plus a hash when anything was dropped. */
function slugPart(text: string): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (slug === text) return slug || 'x';
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  return `${slug || 'x'}-${h.toString(36)}`;
}
