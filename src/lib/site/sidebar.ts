/**
 * The sidebar's namespace section, computed per page so the HTML does not grow with N squared.
 *
 * A sidebar that lists every app on every page costs N links x N pages: at 1,000 apps dist/ grew
 * from 41 MB to 166 MB and the build from 31 s to 50 s (issue 12). Collapsing groups does not help,
 * because collapsed <details> still carry their links. So:
 * - up to `threshold` apps, every namespace is a collapsed group with its apps (the small-repo
 *   experience: everything one click away);
 * - past it, namespaces are plain links to their index pages (which list their apps); the
 *   namespace the reader is in opens to show its overview and the current app only. A page then
 *   carries O(namespaces) links whatever the number of apps. Expanding the whole current
 *   namespace would still be quadratic: 1,000 apps in 12 namespaces is ~80 links on each page.
 */

/** Structural copy of Starlight's sidebar entry types (route data), kept local so this stays pure. */
interface SidebarLink {
  type: 'link';
  label: string;
  href: string;
  isCurrent: boolean;
  badge: { text: string; variant: 'note' | 'danger' | 'success' | 'caution' | 'tip' | 'default' } | undefined;
  attrs: Record<string, string | number | boolean | undefined>;
}
export interface SidebarGroup {
  type: 'group';
  label: string;
  entries: (SidebarLink | SidebarGroup)[];
  collapsed: boolean;
  badge: SidebarLink['badge'];
}
export type SidebarEntry = SidebarLink | SidebarGroup;

interface NavApp {
  label: string;
  /** Base-free site path. */
  path: string;
  state: 'active' | 'disabled' | 'unreferenced';
}
export interface NavNamespace {
  name: string;
  path: string;
  apps: NavApp[];
}

/** Past this many apps, namespaces are links and only the current one expands. */
const SIDEBAR_APP_THRESHOLD = 60;

const trail = (p: string): string => (p.endsWith('/') ? p : `${p}/`);

function link(label: string, href: string, pathname: string, badge?: SidebarLink['badge']): SidebarLink {
  return { type: 'link', label, href, isCurrent: trail(href) === trail(pathname), badge, attrs: {} };
}

const stateBadge = (state: NavApp['state']): SidebarLink['badge'] =>
  state === 'disabled' ? { text: 'disabled', variant: 'caution' } : state === 'unreferenced' ? { text: 'not deployed', variant: 'note' } : undefined;

/**
 * The "Namespaces" group for one page. `withBase` turns a base-free path into an href.
 * `threshold` is exposed for tests and the benchmark.
 */
export function namespaceSidebar(
  namespaces: readonly NavNamespace[],
  pathname: string,
  withBase: (path: string) => string,
  threshold = SIDEBAR_APP_THRESHOLD,
): SidebarGroup {
  const total = namespaces.reduce((n, ns) => n + ns.apps.length, 0);
  const small = total <= threshold;
  const here = trail(pathname);
  const entries: SidebarEntry[] = [link('All namespaces', withBase('/namespaces/'), pathname)];
  for (const ns of namespaces) {
    const nsHref = withBase(ns.path);
    const inside = here === trail(nsHref) || ns.apps.some((a) => here === trail(withBase(a.path)));
    if (!small && !inside) {
      entries.push(link(`${ns.name} (${ns.apps.length})`, nsHref, pathname));
      continue;
    }
    entries.push({
      type: 'group',
      label: `${ns.name} (${ns.apps.length})`,
      collapsed: !inside,
      badge: undefined,
      entries: [
        link('Overview', nsHref, pathname),
        ...ns.apps
          .filter((a) => small || here === trail(withBase(a.path)))
          .map((a) => link(a.label, withBase(a.path), pathname, stateBadge(a.state))),
      ],
    });
  }
  const anyCurrent = here.startsWith(trail(withBase('/namespaces/'))) || namespaces.some((ns) => ns.apps.some((a) => here === trail(withBase(a.path))));
  return { type: 'group', label: 'Namespaces', collapsed: !anyCurrent, badge: undefined, entries };
}

/**
 * Replace the configured "Namespaces" link (href `/namespaces/`) by the computed group; the rest
 * of the configured sidebar is kept as it is.
 */
export function injectNamespaces(sidebar: readonly SidebarEntry[], group: SidebarGroup, namespacesHref: string): SidebarEntry[] {
  return sidebar.map((e) => (e.type === 'link' && trail(e.href) === trail(namespacesHref) ? group : e));
}
