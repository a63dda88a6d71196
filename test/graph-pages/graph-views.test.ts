import { describe, expect, it } from 'vitest';
import {
  appHasEdges,
  cyclePaths,
  diagramEdgeLines,
  graphFindings,
  graphGroups,
  mmdHref,
  namespaceDiagram,
  namespaceNodeList,
  neighbourhoodDiagram,
  nodeRefs,
  undrawnNeighbourhood,
} from '../../src/lib/site/graph-views.ts';
import { homelab } from './fixtures.ts';

const { result, findings } = homelab();
const graph = result.graph;

describe('graph page data', () => {
  it('one graph page per namespace, with its node count and inside edges', () => {
    expect(graphGroups(graph)).toEqual([
      { group: 'media', nodes: 4, internalEdges: 1 },
      { group: 'productivity', nodes: 1, internalEdges: 0 },
      { group: 'storage', nodes: 1, internalEdges: 0 },
      { group: 'tools', nodes: 2, internalEdges: 0 },
    ]);
  });

  it('node links go to the app page under the base', () => {
    const ref = nodeRefs(graph, '/atlas/');
    expect(ref('Kustomization/media/plex')).toEqual({
      id: 'Kustomization/media/plex',
      label: 'media/plex',
      href: '/atlas/apps/media/plex/',
      kind: 'kustomization',
    });
    expect(ref('Kustomization/flux-system/nowhere')).toBeNull();
    // In a multi-cluster repository the same name is one node per cluster: the label says which.
    const plex = graph.nodes.find((n) => n.id === 'Kustomization/media/plex')!;
    const clustered = { ...graph, nodes: [{ ...plex, id: `${plex.id}@prod`, cluster: 'prod' }, { ...plex, id: `${plex.id}@staging`, cluster: 'staging' }] };
    const labels = nodeRefs(clustered, '/');
    expect([labels(`${plex.id}@prod`)!.label, labels(`${plex.id}@staging`)!.label]).toEqual(['media/plex (prod)', 'media/plex (staging)']);
  });

  it('findings are filtered to a namespace by the object they are about', () => {
    const all = graphFindings(findings, graph);
    // sonarr, ping and pong are depended on without `wait: true`; longhorn waits.
    expect(all.map((f) => f.code).sort()).toEqual(['DEPENDED_ON_WITHOUT_WAIT', 'DEPENDED_ON_WITHOUT_WAIT', 'DEPENDED_ON_WITHOUT_WAIT', 'DEPENDS_ON_CYCLE', 'DEPENDS_ON_MISSING']);
    expect(graphFindings(findings, graph, 'productivity').map((f) => f.code)).toEqual(['DEPENDS_ON_MISSING']);
    expect(graphFindings(findings, graph, 'storage')).toEqual([]);
    // A finding of another area never shows, even about a graph node.
    const other = { ...all[0]!, area: 'secrets' };
    expect(graphFindings([other], graph)).toEqual([]);
  });

  it('cycles are closed paths, listed on every namespace they cross', () => {
    const paths = cyclePaths(graph, '/');
    expect(paths.map((p) => p.map((r) => r.label))).toEqual([['media/pong', 'tools/ping', 'media/pong']]);
    expect(cyclePaths(graph, '/', 'tools')).toHaveLength(1);
    expect(cyclePaths(graph, '/', 'media')).toHaveLength(1);
    expect(cyclePaths(graph, '/', 'storage')).toEqual([]);
  });

  it('an app has edges when a dependsOn entry starts or ends at it, resolved or not', () => {
    expect(appHasEdges(graph, 'storage/longhorn')).toBe(true); // only depended on
    expect(appHasEdges(graph, 'media/bazarr')).toBe(true); // only depends
    expect(appHasEdges(graph, 'tools/lonely')).toBe(false);
    expect(appHasEdges(graph, 'nowhere/none')).toBe(false);
  });

  it('an app page whose listed dependencies are no edges of its own does not say it has none', () => {
    expect(undrawnNeighbourhood(graph, 'media/bazarr', 1)).toBe('drawn');
    // (A Kustomization that applies grafana with other apps depends on infra-configs: the page lists it.)
    expect(undrawnNeighbourhood(graph, 'tools/lonely', 1)).toBe('shared');
    expect(undrawnNeighbourhood(graph, 'tools/lonely', 0)).toBe('none');
  });

  it('the node list names missing targets and dependents', () => {
    const list = namespaceNodeList(graph, 'productivity', '/');
    expect(list).toHaveLength(1);
    expect(list[0]!.dependsOn.map((d) => [d.label, d.href])).toEqual([
      ['Kustomization/productivity/db (missing)', null],
      ['storage/longhorn', '/apps/storage/longhorn/'],
    ]);
    const storage = namespaceNodeList(graph, 'storage', '/')[0]!;
    expect(storage.dependents.map((d) => d.label)).toEqual(['media/plex', 'media/sonarr', 'productivity/paperless']);
  });

  it('edge lines describe a diagram in words, in apply order', () => {
    const lines = diagramEdgeLines(namespaceDiagram(graph, 'productivity', '/'));
    expect(lines.map((l) => `${l.from.label} -> ${l.to.label}${l.missing ? ' (missing)' : ''}`)).toEqual([
      'missing: productivity/db -> paperless (missing)',
      'storage/longhorn -> paperless',
    ]);
    expect(lines[1]!.from.href).toBe('/apps/storage/longhorn/');
  });

  it('the neighbourhood of an app is centred on it', () => {
    const d = neighbourhoodDiagram(graph, 'media/bazarr', '/');
    expect(d.nodes.find((n) => n.style === 'focus')?.label).toBe('bazarr');
    expect(d.nodes.map((n) => n.label).sort()).toEqual(['bazarr', 'media/sonarr', 'storage/longhorn']);
  });

  it('Mermaid downloads sit beside the pages', () => {
    expect(mmdHref('/', null)).toBe('/graph/overview.mmd');
    expect(mmdHref('/atlas/', 'media')).toBe('/atlas/graph/media.mmd');
    expect(mmdHref('/', 'a b')).toBe('/graph/a~20b.mmd');
  });
});
