/**
 * Routes written with another app that send traffic to this one: a platform folder's Ingresses and
 * IngressRoutes (`infrastructure/configs/production/traefik/ingressroutes.yaml`, `Host(grafana...)` ->
 * `services: [{name: grafana}]` in monitoring-prd) are the ways in to grafana, whose page showed no
 * host (outside review). A route's backend Service is the app's where a Service manifest of that name
 * in the backend's namespace (and cluster) is the app's, or where a HelmRelease of the app in that
 * namespace makes it: the release's name, or a name the release's name begins (`kube-prometheus-stack-
 * prometheus`; the longest release name wins). Once per model.
 */
import type { Endpoint } from '../../model/network.ts';
import type { RepoModel } from '../../model/repo-model.ts';

const cache = new WeakMap<RepoModel, Map<string, Endpoint[]>>();

/** `cluster|namespace` (and `|name`): where an object is, as the maps below key it. */
export const placeKey = (cluster: string | null | undefined, ns: string | null, name = '') => `${cluster ?? ''}|${ns ?? ''}|${name}`;

const releaseCache = new WeakMap<RepoModel, Map<string, { name: string; appId: string }[]>>();
/**
 * The live releases of each place (`placeKey(cluster, namespace)`, where they install), with the name
 * their objects are named after: `fullnameOverride` where the values set one (a release `hass` whose
 * Service is `home-assistant`), else the release's name. Once per model; routes and claims a backup
 * names are matched to apps by it.
 */
export function releasesByPlace(model: Pick<RepoModel, 'helmReleases'>): ReadonlyMap<string, readonly { name: string; appId: string }[]> {
  const hit = releaseCache.get(model as RepoModel);
  if (hit) return hit;
  const out = new Map<string, { name: string; appId: string }[]>();
  for (const h of model.helmReleases) {
    if (h.disabled || h.appId === null) continue;
    const key = placeKey(h.cluster, h.targetNamespace ?? h.namespace);
    const full = (h.values as Record<string, unknown> | null)?.fullnameOverride;
    const name = typeof full === 'string' && full !== '' && !full.includes('{{') ? full : h.releaseName;
    (out.get(key) ?? out.set(key, []).get(key)!).push({ name, appId: h.appId });
  }
  releaseCache.set(model as RepoModel, out);
  return out;
}

/** For each app, the live endpoints of other apps whose backends are its Services. */
export function routedToApps(model: RepoModel): ReadonlyMap<string, readonly Endpoint[]> {
  const hit = cache.get(model);
  if (hit) return hit;
  const out = new Map<string, Endpoint[]>();
  cache.set(model, out);
  const routes = model.endpoints.filter((e) => !e.disabled && e.appId !== null && (e.backends?.length ?? 0) > 0);
  if (routes.length === 0) return out;
  const at = placeKey;
  const services = new Map<string, string>();
  for (const o of model.objects) if (o.kind === 'Service' && o.group === '' && o.appId !== null && !o.disabled) services.set(at(o.cluster, o.namespace, o.name), o.appId);
  const releases = releasesByPlace(model);
  const servedBy = (cluster: string | null | undefined, ns: string | null, name: string): string | null => {
    const manifest = services.get(at(cluster, ns, name));
    if (manifest !== undefined) return manifest;
    const here = releases.get(at(cluster, ns)) ?? [];
    const exact = here.filter((r) => r.name === name);
    if (exact.length > 0) return new Set(exact.map((r) => r.appId)).size === 1 ? exact[0]!.appId : null;
    const named = here.filter((r) => name.startsWith(`${r.name}-`));
    const longest = named.sort((a, b) => b.name.length - a.name.length)[0];
    // (Two apps' releases of the same name in one namespace: not known whose.)
    return longest && named.filter((r) => r.name === longest.name && r.appId !== longest.appId).length === 0 ? longest.appId : null;
  };
  for (const e of routes) {
    const apps = new Set<string>();
    for (const b of e.backends!) {
      const app = servedBy(e.cluster, b.namespace ?? e.namespace, b.name);
      if (app !== null && app !== e.appId) apps.add(app);
    }
    for (const app of apps) (out.get(app) ?? out.set(app, []).get(app)!).push(e);
  }
  return out;
}
