/**
 * Starlight route middleware: replaces the configured "Namespaces" sidebar link with the
 * per-page namespace group from sidebar.ts. Runs at render time, so the sidebar always reflects
 * the current `apps` collection (also in dev after a YAML change), while astro.config.mjs stays
 * free of the scan.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { injectNamespaces, namespaceSidebar, type NavNamespace, type SidebarEntry } from './sidebar.ts';
import { namespacePath, withBase } from './urls.ts';
import { escapeHtml } from '../../markdown/escape.ts';
import { getAtlas } from '../../loaders/atlas-data.ts';

/** One index per scan in a build, hung on the Atlas so that another scan in the process starts afresh. */
const navMemo = new WeakMap<object, Promise<NavNamespace[]>>();

async function memoNav(): Promise<NavNamespace[]> {
  const atlas = await getAtlas();
  let nav = navMemo.get(atlas);
  if (!nav) navMemo.set(atlas, (nav = navIndex()));
  return nav;
}

async function navIndex(): Promise<NavNamespace[]> {
  // Not-deployed apps are listed on /apps/ only: a sidebar namespace is one the cluster has.
  const apps = (await getCollection('apps')).filter((a) => !a.data.notDeployed);
  const several = new Set(apps.map((a) => a.data.cluster)).size > 1;
  const byNs = new Map<string, NavNamespace>();
  for (const { data } of apps) {
    const ns = byNs.get(data.namespace) ?? { name: data.namespace, path: namespacePath(data.namespace), apps: [] };
    ns.apps.push({ label: several && data.cluster ? `${data.name} (${data.cluster})` : data.name, path: data.path, state: data.state });
    byNs.set(data.namespace, ns);
  }
  const list = [...byNs.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const ns of list) ns.apps.sort((a, b) => a.label.localeCompare(b.label));
  return list;
}


export const onRequest = defineRouteMiddleware(async (context) => {
  const route0 = context.locals.starlightRoute;
  // Starlight's Head writes every head entry with set:html, and the <title> comes from page titles
  // we take from the repository (app names, doc titles): escape it, or `</title><script>` runs.
  for (const entry of route0.head) if (entry.tag === 'title' && typeof entry.content === 'string') entry.content = escapeHtml(entry.content);

  // One index per scan in a build. In dev, rebuild each time: a request during a reload may see the
  // new scan before the apps collection holds it, and a memo would keep that half-way index.
  const nav = import.meta.env.PROD ? memoNav() : navIndex();
  const base = import.meta.env.BASE_URL;
  const route = context.locals.starlightRoute;
  const group = namespaceSidebar(await nav, context.url.pathname, (p) => withBase(p, base));
  route.sidebar = injectNamespaces(route.sidebar as SidebarEntry[], group, withBase('/namespaces/', base)) as typeof route.sidebar;
});
