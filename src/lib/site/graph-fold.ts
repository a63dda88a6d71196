import type { DiagramEdge, DiagramNode, MermaidDiagram } from '../../render/mermaid/diagram.ts';
import { namespaceGraphHref } from '../../render/mermaid/site-href.ts';

/**
 * A namespace graph draws the outside nodes its own nodes touch. For the namespace of the storage
 * provider or of cilium that is the whole repository (at 1,000 apps: 994 outside nodes, an SVG of
 * 25,000 px and 2 s of layout). Past `maxExternal` outside nodes, they are folded into one
 * "+N in <namespace>" node per namespace and direction, linked to that namespace's graph, the way
 * the app neighbourhood folds its far nodes.
 */
export interface FoldOptions {
  /** Site base; fold nodes link to `/graph/<namespace>/` under it. */
  base?: string;
  /** Most outside nodes drawn one by one (default 30). */
  maxExternal?: number;
}

/** The namespace (graph group) of a diagram node's key; undefined for keys that are not graph nodes. */
export type GroupOf = (key: string) => string | undefined;

export function foldExternals(d: MermaidDiagram, groupOf: GroupOf, options: FoldOptions = {}): MermaidDiagram {
  const max = options.maxExternal ?? 30;
  const externals = d.nodes.filter((n) => n.style === 'external' && groupOf(n.key) !== undefined);
  if (externals.length <= max) return d;

  // Upstream outside nodes have an arrow into the namespace (arrows point in apply order).
  const external = new Set(externals.map((n) => n.id));
  const upstream = new Set(d.edges.filter((e) => external.has(e.from)).map((e) => e.from));
  const foldOf = new Map<string, string>();
  const folds = new Map<string, { dir: 'up' | 'down'; group: string; count: number }>();
  for (const n of externals) {
    const dir = upstream.has(n.id) ? 'up' : 'down';
    const group = groupOf(n.key)!;
    const key = `~more/${dir}/${group}`;
    const f = folds.get(key) ?? { dir, group, count: 0 };
    f.count++;
    folds.set(key, f);
    foldOf.set(n.id, key);
  }

  const foldNodes: DiagramNode[] = [...folds]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, f], i) => ({
      id: `m${i}`,
      key,
      label: `+${f.count} ${f.dir === 'up' ? 'dependencies' : 'dependents'} in ${f.group}`,
      href: namespaceGraphHref(options.base ?? '/', f.group),
      style: 'external',
      shape: 'box',
    }));
  const idOfFold = new Map(foldNodes.map((n) => [n.key, n.id]));
  const drawnAs = (id: string) => (foldOf.has(id) ? idOfFold.get(foldOf.get(id)!)! : id);

  const seen = new Set<string>();
  const edges: DiagramEdge[] = [];
  for (const e of d.edges) {
    const from = drawnAs(e.from);
    const to = drawnAs(e.to);
    const k = `${from}>${to}`;
    if (from === to || seen.has(k)) continue;
    seen.add(k);
    edges.push({ ...e, from, to });
  }
  return { ...d, nodes: [...d.nodes.filter((n) => !foldOf.has(n.id)), ...foldNodes], edges };
}
