import fc from 'fast-check';
import { parseMermaid } from 'beautiful-mermaid';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import { mermaidLabel } from '../../src/render/mermaid/escape.ts';
import { appHref, normalizeBase } from '../../src/render/mermaid/site-href.ts';
import { appNeighbourhood, namespaceGraph, namespaceOverview, toMermaidSource } from '../../src/render/mermaid/to-mermaid.ts';
import { app, ks, model } from './make.ts';

/** A small repo: storage <- database <- media apps, one missing target; each Kustomization in its app's namespace. */
function sample() {
  const longhorn = { name: 'longhorn', namespace: 'storage' };
  const apps = [app({ name: 'longhorn', namespace: 'storage' }), app({ name: 'cnpg', namespace: 'database' }), app({ name: 'plex', namespace: 'media' }), app({ name: 'sonarr', namespace: 'media' })];
  const kss = [
    ks({ name: 'longhorn', namespace: 'storage', appId: 'storage/longhorn', wait: true }),
    ks({ name: 'cnpg', namespace: 'database', appId: 'database/cnpg', wait: true, dependsOn: [longhorn] }),
    ks({ name: 'plex', namespace: 'media', appId: 'media/plex', dependsOn: [longhorn, { name: 'cnpg', namespace: 'database' }, 'ghost'] }),
    ks({ name: 'sonarr', namespace: 'media', appId: 'media/sonarr', dependsOn: ['plex', longhorn] }),
  ];
  return buildGraph(model({ apps, kustomizations: kss })).result;
}

describe('Mermaid views', () => {
  it('namespace overview: one node per namespace, edges aggregated with counts, links to /graph/<ns>/', () => {
    const d = namespaceOverview(sample(), { base: '/atlas/' });
    expect(d.nodes.map((n) => [n.id, n.label, n.href])).toEqual([
      ['n0', 'database · 1', '/atlas/graph/database/'],
      ['n1', 'media · 2', '/atlas/graph/media/'],
      ['n2', 'storage · 1', '/atlas/graph/storage/'],
    ]);
    const src = toMermaidSource(d, { links: true });
    expect(src).toContain('n2 -->|"2"| n1'); // storage -> media twice (plex, sonarr)
    expect(src).toContain('n0 --> n1'); // a single entry is not labelled
    expect(src).toContain('n2 --> n0');
    expect(src).toContain('click n1 "/atlas/graph/media/"');
    expect(src.startsWith('flowchart LR\n')).toBe(true);
  });

  it('namespace graph: own nodes, external neighbours and missing targets styled apart', () => {
    const d = namespaceGraph(sample(), 'media');
    expect(d.nodes.map((n) => [n.label, n.style, n.href])).toEqual([
      ['database/cnpg', 'external', '/apps/database/cnpg/'],
      ['missing: media/ghost', 'missing', null],
      ['plex', 'default', '/apps/media/plex/'],
      ['sonarr', 'default', '/apps/media/sonarr/'],
      ['storage/longhorn', 'external', '/apps/storage/longhorn/'],
    ]);
    const src = toMermaidSource(d);
    expect(src).toContain('n1 -.-> n2');
    expect(src).toMatch(/class n0,n4 external/);
    expect(src).toMatch(/class n1 missing/);
    expect(src).not.toContain('click');
  });

  it('app neighbourhood is depth-limited in both directions', () => {
    const g = sample();
    expect(appNeighbourhood(g, 'media/sonarr', { depth: 1 }).nodes.map((n) => n.label).sort()).toEqual(['media/plex', 'sonarr', 'storage/longhorn']);
    const two = appNeighbourhood(g, 'media/sonarr', { depth: 2 }).nodes.map((n) => n.label).sort();
    expect(two).toEqual(['database/cnpg', 'media/plex', 'sonarr', 'storage/longhorn']);
    const down = appNeighbourhood(g, 'storage/longhorn', { depth: 1 });
    expect(down.nodes.find((n) => n.style === 'focus')!.label).toBe('longhorn');
    expect(down.nodes.map((n) => n.label).sort()).toEqual(['database/cnpg', 'longhorn', 'media/plex', 'media/sonarr']);
  });

  it('app neighbourhood folds what does not fit into "+N in <namespace>" nodes', () => {
    const hub = ks({ name: 'cilium', namespace: 'kube-system', appId: 'kube-system/cilium', wait: true });
    const users = Array.from({ length: 12 }, (_, i) => ks({ name: `app-${String(i).padStart(2, '0')}`, namespace: `ns-${i % 2}`, appId: `ns-${i % 2}/app-${i}`, dependsOn: [{ name: 'cilium', namespace: 'kube-system' }] }));
    const g = buildGraph(model({ kustomizations: [hub, ...users] })).result;
    const d = appNeighbourhood(g, 'kube-system/cilium', { maxNodes: 5 });
    expect(d.nodes.map((n) => n.label)).toEqual(['cilium', 'ns-0/app-00', 'ns-0/app-02', 'ns-0/app-04', 'ns-0/app-06', '+2 in ns-0', '+6 in ns-1']);
    expect(d.nodes.find((n) => n.label === '+2 in ns-0')!.href).toBe('/graph/ns-0/');
    expect(d.edges).toHaveLength(6);
  });

  it('links only to our own pages under the base; a bad base is refused', () => {
    // Segments outside [A-Za-z0-9._-] are written ~HH (Astro matches routes on decoded paths, so
    // percent-encoding would not find the page); `.` and `..` never climb out of their folder.
    expect(appHref('/', 'home/media/a b')).toBe('/apps/home/media/a~20b/');
    expect(appHref('/', 'x/..')).toBe('/apps/x/~2E~2E/');
    expect(appHref('/docs', 'ns/javascript:alert(1)')).toBe('/docs/apps/ns/javascript~3Aalert~281~29/');
    expect(() => normalizeBase('https://evil.example/')).toThrow();
    expect(() => normalizeBase('//evil.example/')).toThrow();
    expect(() => normalizeBase('/a/../b')).toThrow();
  });

  it('escaping: arbitrary labels never break out of their node', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 20 }), (a, b) => {
        const d = {
          slug: 't',
          title: 't',
          nodes: [
            { id: 'n0', key: 'a', label: a, href: null, style: 'default' as const, shape: 'box' as const },
            { id: 'n1', key: 'b', label: `"><script>${b}`, href: null, style: 'default' as const, shape: 'round' as const },
          ],
          edges: [{ from: 'n0', to: 'n1', label: b, dashed: false }],
        };
        const src = toMermaidSource(d);
        expect(src.split('\n').length).toBe(5); // header, 2 nodes, 1 edge, trailing newline
        const parsed = parseMermaid(src);
        expect([...parsed.nodes.keys()]).toEqual(['n0', 'n1']);
        expect(parsed.edges).toHaveLength(1);
        expect(parsed.nodes.get('n1')!.label).not.toContain('<');
      }),
      { numRuns: 300 },
    );
  });

  it('escaping keeps ordinary names and unicode as they are', () => {
    expect(mermaidLabel('cert-manager.io/v1 · 日本 é')).toBe('cert-manager.io/v1 · 日本 é');
    expect(mermaidLabel('a & b')).toBe('a &amp; b');
    expect(mermaidLabel('"><script>')).toBe('\uFF02\uFF1E\uFF1Cscript\uFF1E');
    expect(mermaidLabel('x'.repeat(100))).toHaveLength(80);
  });
});
