import { describe, expect, it } from 'vitest';
import { injectNamespaces, namespaceSidebar, type NavNamespace, type SidebarEntry, type SidebarGroup } from '../../src/lib/site/sidebar.ts';
import { withBase } from '../../src/lib/site/urls.ts';

/** `n` namespaces of `per` apps each, as the route middleware builds them. */
function nav(n: number, per: number): NavNamespace[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `ns${i}`,
    path: `/namespaces/ns${i}/`,
    apps: Array.from({ length: per }, (_, j) => ({ label: `app${j}`, path: `/apps/ns${i}/app${j}/`, state: j === 0 ? ('disabled' as const) : ('active' as const) })),
  }));
}

const links = (e: SidebarEntry): number => (e.type === 'link' ? 1 : e.entries.reduce((n, x) => n + links(x), 0));
const base = (p: string) => withBase(p, '/home-ops/');

describe('namespaceSidebar', () => {
  it('lists every app in collapsed groups for a small repository', () => {
    const g = namespaceSidebar(nav(3, 5), '/home-ops/apps/', base);
    expect(g.collapsed).toBe(true);
    expect(links(g)).toBe(1 + 3 * (1 + 5));
    expect((g.entries[1] as SidebarGroup).collapsed).toBe(true);
    expect((g.entries[1] as SidebarGroup).entries[1]).toMatchObject({ href: '/home-ops/apps/ns0/app0/', badge: { text: 'disabled' } });
  });

  it('opens the namespace of the current app and marks it current', () => {
    const g = namespaceSidebar(nav(3, 5), '/home-ops/apps/ns1/app2/', base);
    expect(g.collapsed).toBe(false);
    const ns1 = g.entries[2] as SidebarGroup;
    expect(ns1.collapsed).toBe(false);
    expect(ns1.entries.filter((e) => e.type === 'link' && e.isCurrent).map((e) => e.label)).toEqual(['app2']);
    expect((g.entries[1] as SidebarGroup).collapsed).toBe(true);
  });

  it('past the threshold, carries O(namespaces) links per page, not O(apps)', () => {
    const big = nav(20, 50); // 1,000 apps
    const elsewhere = namespaceSidebar(big, '/home-ops/apps/', base);
    expect(links(elsewhere)).toBe(1 + 20);
    const onApp = namespaceSidebar(big, '/home-ops/apps/ns7/app3/', base);
    expect(links(onApp)).toBe(1 + 19 + 1 + 1);
    const ns7 = onApp.entries[8] as SidebarGroup;
    expect(ns7.type).toBe('group');
    expect(ns7.collapsed).toBe(false);
  });

  it('total sidebar links over all app pages grow linearly past the threshold', () => {
    const total = (n: number) => {
      const ns = nav(10, n / 10);
      return ns.flatMap((x) => x.apps).reduce((sum, a) => sum + links(namespaceSidebar(ns, base(a.path), base)), 0);
    };
    // Ten times the apps in the same namespaces: ten times the links (a full list would be 100x).
    expect(total(1000) / total(100)).toBe(10);
  });

  it('replaces only the configured Namespaces link', () => {
    const configured: SidebarEntry[] = [
      { type: 'link', label: 'Apps', href: '/home-ops/apps/', isCurrent: false, badge: undefined, attrs: {} },
      { type: 'link', label: 'Namespaces', href: '/home-ops/namespaces/', isCurrent: false, badge: undefined, attrs: {} },
    ];
    const g = namespaceSidebar(nav(1, 1), '/home-ops/', base);
    const out = injectNamespaces(configured, g, '/home-ops/namespaces');
    expect(out[0]).toBe(configured[0]);
    expect(out[1]).toBe(g);
  });
});
