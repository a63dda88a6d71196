/**
 * `atlas.json`: the whole model a page is built from, as one versioned document (schema in
 * json-schema.ts). One function over the computed atlas (computeAtlas) and the app facts the pages
 * render (the site passes its `apps` collection, the CLI computes the same with appFactsOf), so
 * the export never says something a page does not.
 *
 * The document is parsed through its own zod schema before it is returned: fields the schema does
 * not name (an analysis' internals) are dropped, and a document that does not match its schema is
 * our bug, reported at once rather than published.
 */
import { countModel } from '../../analysis/counts.ts';
import type { Atlas } from '../../pipeline/atlas.ts';
import { objectState } from '../../model/k8s-object.ts';
import { isLive } from '../../analysis/health/common.ts';
import type { AppFacts } from '../site/app-facts-schema.ts';
import { namespacePath } from '../site/urls.ts';
import { ATLAS_JSON_VERSION, ATLAS_SCHEMA_FILE, AtlasJsonSchema, type AtlasJson } from './json-schema.ts';

export interface AtlasJsonOptions {
  /** Public site URL with its base path, no trailing slash; null when not configured. */
  siteUrl: string | null;
  /** URL (or relative path) of the published schema; default `atlas.schema.json` beside the document. */
  schemaUrl?: string;
}

/** `config.site` + `config.base`, as the README export links them. */
export function siteUrlOf(config: Pick<Atlas['config'], 'site' | 'base'>): string | null {
  return config.site ? `${config.site.replace(/\/+$/, '')}${(config.base ?? '').replace(/\/+$/, '')}` : null;
}

/**
 * The same root for a site endpoint, from Astro's `site` (which may already carry the base path;
 * the base is appended once either way, as the changelog feed does) and `import.meta.env.BASE_URL`.
 */
export function siteRoot(siteUrl: string | null, baseUrl: string): string | null {
  if (!siteUrl) return null;
  const root = siteUrl.replace(/\/+$/, '');
  const base = baseUrl.replace(/\/+$/, '');
  return base && !new URL(root).pathname.replace(/\/+$/, '').endsWith(base) ? `${root}${base}` : root;
}

export function atlasJson(atlas: Atlas, apps: readonly AppFacts[], options: AtlasJsonOptions): AtlasJson {
  const { model, analysis, roadmap, changelog, config } = atlas;
  const sortedApps = [...apps].sort((a, b) => a.id.localeCompare(b.id));
  const doc = {
    $schema: options.schemaUrl ?? (options.siteUrl ? `${options.siteUrl}/${ATLAS_SCHEMA_FILE}` : ATLAS_SCHEMA_FILE),
    version: ATLAS_JSON_VERSION,
    generator: 'gitops-atlas' as const,
    repository: { name: model.name, commit: atlas.commit, url: config.repoUrl ?? null, site: options.siteUrl },
    counts: countModel(model),
    clusters: model.clusters.map((name) => ({ name, apps: sortedApps.filter((a) => a.cluster === name).map((a) => a.id) })),
    namespaces: namespaces(sortedApps, model.namespaces),
    apps: sortedApps,
    // Applied only by Kustomizations no cluster root reaches: unreferenced, as the site says it.
    objects: model.objects.map((o) => {
      const state = objectState(o);
      return { ...o, state: state === 'active' && o.owner !== null && !isLive(o, model) ? ('unreferenced' as const) : state };
    }),
    graph: analysis.graph.graph,
    secrets: analysis.secrets,
    findings: model.findings,
    silenced: analysis.silenced,
    roadmap: roadmap.roadmap
      ? {
          ...roadmap.roadmap,
          items: roadmap.items.map((v) => ({
            ...v.item,
            path: `/roadmap/${v.item.slug}/`,
            result: v.check,
            apps: v.apps.map((a) => ({ id: a.id, via: a.via })),
            namespaces: v.namespaces,
          })),
          measured: roadmap.measured,
          completedNotes: roadmap.completedNotes,
          burndown: roadmap.burndown,
        }
      : null,
    changelog: {
      available: changelog.available,
      head: changelog.head,
      truncated: changelog.truncated,
      handwrittenFile: changelog.handwrittenFile,
      entries: changelog.changelog.entries,
    },
  };
  const parsed = AtlasJsonSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`atlas.json does not match its own schema (a GitOps Atlas bug): ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** Namespaces of the model and of the apps, each with its apps, clusters and page (deployed apps only have pages). */
function namespaces(apps: readonly AppFacts[], known: readonly string[]): AtlasJson['namespaces'] {
  const byName = new Map<string, AppFacts[]>();
  for (const name of known) byName.set(name, []);
  for (const a of apps) byName.set(a.namespace, [...(byName.get(a.namespace) ?? []), a]);
  return [...byName]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, list]) => ({
      name,
      path: list.some((a) => !a.notDeployed) ? namespacePath(name) : null,
      clusters: [...new Set(list.map((a) => a.cluster).filter((c) => c !== null))].sort(),
      apps: list.map((a) => a.id),
    }));
}

/** The document as written: two-space indented, one trailing newline, the same bytes for the same commit. */
export function renderAtlasJson(doc: AtlasJson): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
