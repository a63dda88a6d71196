/**
 * "Bootstrap and recovery order": what must be Ready before what, from the dependsOn graph, and
 * for each Kustomization the chain to walk when it is stuck ("dependency not ready"): every
 * dependency it waits for, deepest first, each with its `flux get` command. Cycles and dangling
 * dependsOn entries are called out: Flux waits on them forever, and what waits for them (or is applied
 * by one of them) is marked in the layer table as never Ready. Where a Kustomization decrypts, the
 * runbook opens with the decryption Secret to create (bootstrap-decryption.ts).
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#dependencies
 */
import { buildGraph } from '../graph/build.ts';
import type { GraphNode } from '../graph/types.ts';
import { decryptionSection } from './bootstrap-decryption.ts';
import { chainOf, dependencies, getCommand, layerGraph } from './order.ts';
import { BOOTSTRAP_PATH } from './paths.ts';
import type { Block, Inline, Runbook, RunbookInput, Section } from './types.ts';

/**
 * Commands listed per chain. A long dependsOn chain (5,000 Kustomizations in a row) would otherwise
 * print every chain in full, n^2 lines, more text than a page can hold.
 */
const MAX_CHAIN_COMMANDS = 25;

const label = (n: GraphNode): string => `${n.namespace ?? '_'}/${n.name}`;

/** How many objects the graph holds and how many of them a dependsOn entry joins (a graph node is every active Kustomization). */
function orderText(graph: { nodes: readonly GraphNode[]; edges: readonly { from: string; to: string; resolved: boolean }[] }, layers: number, stuck: number): string {
  const joined = new Set(graph.edges.flatMap((e) => (e.resolved ? [e.from, e.to] : [e.from])));
  if (joined.size === 0) return `No dependsOn entry orders the ${graph.nodes.length} Flux object(s): they all reconcile at once.`;
  const never = stuck > 0 ? `, but for ${stuck} that never do while a dependency is missing (marked below)` : '';
  return `${graph.nodes.length} Flux objects, ${joined.size} of them joined by dependsOn; they become Ready in ${layers} layer(s)${never}. Everything in a layer can reconcile at once; a layer waits for the ones above it.`;
}

/**
 * What never becomes Ready while a dependsOn entry points at nothing: the Kustomization that waits for
 * it, what waits for that one, and what one of them applies (Flux does not build a Kustomization whose
 * dependency is not Ready, so what its build would apply never exists).
 */
function stuckBehindMissing(graph: { edges: readonly { from: string; to: string; resolved: boolean }[] }, appliedBy: ReadonlyMap<string, string>): Set<string> {
  const next = new Map<string, string[]>();
  const add = (from: string, to: string) => (next.get(from) ?? next.set(from, []).get(from)!).push(to);
  for (const e of graph.edges) if (e.resolved && e.from !== e.to) add(e.to, e.from);
  for (const [child, parent] of appliedBy) add(parent, child);
  const stuck = new Set<string>();
  const stack = graph.edges.filter((e) => !e.resolved).map((e) => e.from);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (stuck.has(id)) continue;
    stuck.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return stuck;
}

export function bootstrapRunbook(input: RunbookInput): Runbook {
  const graph = input.graph ?? buildGraph(input.model).result;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  // What applies each Flux object: it is applied (and can become Ready) no earlier than its applier's layer.
  const appliedBy = new Map<string, string>([...input.model.kustomizations, ...input.model.helmReleases].flatMap((o) => (o.owner !== null ? [[o.id, o.owner] as [string, string]] : [])));
  const { layers, layerOf, blocked } = layerGraph(graph, appliedBy);
  const deps = dependencies(graph);
  const sections: Section[] = [];
  const decryption = decryptionSection(input.model);
  if (decryption) sections.push(decryption);
  const stuck = stuckBehindMissing(graph, appliedBy);
  const placedStuck = [...stuck].filter((id) => layerOf.has(id));

  const order: Block[] = [
    { type: 'text', text: [orderText(graph, layers.length, placedStuck.length)] },
    {
      type: 'table',
      head: ['Layer', 'Ready before the next layer'],
      rows: layers.map((ids, i) => [[String(i)], ids.flatMap((id, j): Inline[] => [j > 0 ? ', ' : '', { code: label(nodes.get(id)!) }, ...(stuck.has(id) ? [' (never Ready: a dependency is missing)'] : [])])]),
    },
    { type: 'code', lang: 'bash', code: ['flux get kustomizations -A --watch', 'flux get kustomizations -A --status-selector ready=false'].join('\n'), caption: 'Watch a bootstrap' },
  ];
  if (graph.cycles.length > 0 || blocked.length > 0) {
    order.unshift({
      type: 'aside',
      variant: 'caution',
      title: `${graph.cycles.length} dependency cycle(s)`,
      text: [
        'These never become Ready, and neither does anything that depends on them: ',
        ...graph.cycles.flatMap((c, i): Inline[] => [i > 0 ? '; ' : '', { code: [...c, c[0]!].map((id) => (nodes.get(id) ? label(nodes.get(id)!) : id)).join(' → ') }]),
        blocked.length ? `. Blocked: ${blocked.map((id) => label(nodes.get(id)!)).join(', ')}.` : '.',
      ],
    });
  }
  const dangling = graph.edges.filter((e) => !e.resolved);
  if (dangling.length > 0) {
    order.push({
      type: 'aside',
      variant: 'caution',
      title: `${dangling.length} dependsOn entr${dangling.length === 1 ? 'y points' : 'ies point'} at nothing`,
      text: [
        ...dangling.flatMap((e, i): Inline[] => [i > 0 ? '; ' : '', { code: nodes.get(e.from) ? label(nodes.get(e.from)!) : e.from }, ' waits for ', { code: e.to }, ` (${e.source.file}:${e.source.line})`]),
        `. Flux never builds a Kustomization while a dependency is missing: ${placedStuck.length} of the table's objects never become Ready (what waits for these, or is applied by one of them, with them) until it exists.`,
      ],
    });
  }
  sections.push({ slug: 'order', heading: 'Order', blocks: order });

  const chains: Block[] = [];
  const kss = graph.nodes.filter((n) => n.kind === 'kustomization').sort((a, b) => label(a).localeCompare(label(b)));
  for (const n of kss) {
    const chain = chainOf(n.id, deps, layerOf);
    const shown = chain.slice(0, MAX_CHAIN_COMMANDS);
    const missing = dangling.filter((e) => e.from === n.id);
    // A dependency that is not in the repository is waited for all the same (the Kustomization stays
    // not ready until it exists): said as that, not as "waits for nothing".
    const missingList = missing.flatMap((e, i): Inline[] => [i > 0 ? ', ' : '', { code: e.to }]);
    const head: Inline[] = chain.length
      ? [` waits for ${chain.length}:`, ...(missing.length ? [' (and for ', ...missingList, ', which is not in the repository)'] : [])]
      : missing.length
        ? [' waits for ', ...missingList, ', which is not in the repository: it stays not ready until that exists.']
        : [' waits for nothing: check its own events.'];
    chains.push({ type: 'text', text: [{ code: label(n) }, ...head] });
    chains.push({
      type: 'code',
      lang: 'bash',
      code: [
        ...shown.map((id) => getCommand(nodes.get(id)!)),
        ...(chain.length > shown.length ? [`# ... and ${chain.length - shown.length} more, nearer ones: see the Order table above`] : []),
        getCommand(n),
        `flux events --for Kustomization/${n.name} -n ${n.namespace ?? 'flux-system'}`,
      ].join('\n'),
    });
  }
  sections.push({ slug: 'not-ready', heading: 'When a Kustomization is not Ready', blocks: [{ type: 'text', text: ['Check its dependencies deepest first; the first one that is not Ready is the one to fix.'] }, ...chains] });

  return {
    id: 'bootstrap',
    kind: 'bootstrap',
    title: 'Bootstrap and recovery order',
    summary: `${layers.length} layer(s) over ${graph.nodes.length} Flux objects${graph.cycles.length ? `, ${graph.cycles.length} cycle(s)` : ''}${dangling.length ? `, ${dangling.length} dangling dependsOn` : ''}.`,
    path: BOOTSTRAP_PATH,
    appId: null,
    alarm: graph.cycles.length > 0,
    sections,
  };
}
