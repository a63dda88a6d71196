import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/analysis/graph/build.ts';
import type { MermaidDiagram } from '../../src/render/mermaid/diagram.ts';
import { fixSvg } from '../../src/render/mermaid/svg-fix.ts';
import { namespaceGraph, namespaceOverview } from '../../src/render/mermaid/to-mermaid.ts';
import { renderDiagramSvg } from '../../src/render/mermaid/to-svg.ts';
import { app, ks, model } from './make.ts';

const graph = buildGraph(
  model({
    apps: [app({ name: 'longhorn', namespace: 'storage' }), app({ name: 'plex', namespace: 'media' }), app({ name: 'sonarr', namespace: 'media' })],
    kustomizations: [
      // (Each Kustomization in its app's namespace: the graph files it there.)
      ks({ name: 'longhorn', namespace: 'storage', appId: 'storage/longhorn', wait: true }),
      ks({ name: 'plex', namespace: 'media', appId: 'media/plex', dependsOn: [{ name: 'longhorn', namespace: 'storage' }, 'nowhere'] }),
      ks({ name: 'sonarr', namespace: 'media', appId: 'media/sonarr', dependsOn: ['plex'] }),
    ],
  }),
).result;

const rootTag = (svg: string) => svg.match(/<svg\b[^>]*>/)![0];

describe('static SVG', () => {
  const overview = renderDiagramSvg(namespaceOverview(graph, { base: '/atlas/' }));
  const media = renderDiagramSvg(namespaceGraph(graph, 'media', { base: '/atlas/' }));
  const page = `${overview.svg}\n${media.svg}`;

  it('works offline: no @import, no external URL', () => {
    expect(page).not.toContain('@import');
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('one style attribute on the root svg, carrying the theme variables', () => {
    for (const svg of [overview.svg!, media.svg!]) {
      const tag = rootTag(svg);
      expect(tag.match(/\sstyle="/g)).toHaveLength(1);
      expect(tag).toContain('--bg:var(--sl-color-bg, #ffffff)');
      expect(tag).toContain('max-width:100%');
    }
  });

  it('merges a duplicated style attribute into one', () => {
    const fixed = fixSvg('<svg xmlns="http://www.w3.org/2000/svg" style="--bg:#fff;--fg:#000" style="background:red"><g/></svg>', { id: 'd1', title: 't', style: 'max-width:100%' });
    expect(rootTag(fixed)).toContain('style="--bg:#fff;--fg:#000;background:red;max-width:100%"');
    expect(rootTag(fixed).match(/style=/g)).toHaveLength(1);
  });

  it('ids are unique across two diagrams on one page, and every reference stays inside its diagram', () => {
    const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(4);
    expect(new Set(ids).size).toBe(ids.length);
    for (const svg of [overview.svg!, media.svg!]) {
      const own = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) expect(own.has(r)).toBe(true);
    }
  });

  it('styles are scoped to the diagram (a style element in inline SVG is page-wide)', () => {
    const style = media.svg!.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const selectors = [...style.matchAll(/(^|\})\s*([^{}]+)\{/g)].map((m) => m[2]!.trim());
    expect(selectors.length).toBeGreaterThan(3);
    for (const s of selectors) for (const part of s.split(',')) expect(part.trim().startsWith('#atlas-graph-ns-media')).toBe(true);
  });

  it('nodes link to our pages; external and missing nodes carry their class', () => {
    expect(media.svg).toContain('<a href="/atlas/apps/media/plex/"><g class="node" data-id="');
    expect(media.svg).toContain('<a href="/atlas/apps/storage/longhorn/"><g class="node atlas-external"');
    expect(media.svg).toMatch(/<g class="node atlas-missing"[^>]*data-label="missing: media\/nowhere"/);
    expect(media.links.map((l) => l.href)).toEqual(['/atlas/apps/media/plex/', '/atlas/apps/media/sonarr/', '/atlas/apps/storage/longhorn/']);
    expect(media.source).toContain('click n');
    expect(overview.svg).toContain('<a href="/atlas/graph/media/">');
  });

  it('an empty diagram gives no SVG', () => {
    expect(renderDiagramSvg({ slug: 'e', title: 'e', nodes: [], edges: [] }).svg).toBeNull();
  });

  it('arbitrary labels end up as text: no raw <script, no new element or attribute', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>", '</text><script>', ']"); click n0 "javascript:alert(1)'), (random, attack) => {
        const d: MermaidDiagram = {
          slug: 'p',
          title: attack,
          nodes: [
            { id: 'n0', key: 'a', label: `${attack}${random}`, href: '/apps/x/y/', style: 'default', shape: 'box' },
            { id: 'n1', key: 'b', label: random + attack, href: null, style: 'external', shape: 'round' },
          ],
          edges: [{ from: 'n0', to: 'n1', label: attack, dashed: false }],
        };
        const svg = renderDiagramSvg(d).svg!;
        expect(svg.toLowerCase()).not.toContain('<script');
        expect(svg.toLowerCase()).not.toContain('<img');
        expect([...svg.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(['/apps/x/y/']);
        expect(svg.match(/<a /g)).toHaveLength(1);
        expect(svg.match(/<g class="node/g)).toHaveLength(2);
      }),
      { numRuns: 25 },
    );
  });
});
