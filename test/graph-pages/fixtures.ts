/**
 * Small repositories for the graph pages, named after what they show: a storage provider half the
 * repo depends on, a dependsOn entry that points at nothing, a cycle across two namespaces. Each
 * app's Kustomization lives in the app's namespace (its folder's kustomization.yaml sets
 * `namespace:`, as many home-ops repos do), and the graph files it there; a dependsOn entry across
 * namespaces says the namespace, as Flux needs.
 */
import { analyzeGraph } from '../../src/analysis/graph/analyze.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import { appWithKs, model } from '../graph/make.ts';

/** An app whose Kustomization is in the app's namespace; `deps` as `name` (same namespace) or `namespace/name`. */
function appInOwnNamespace(namespace: string, name: string, deps: string[] = [], extra: Partial<Omit<FluxKustomization, 'dependsOn'>> = {}) {
  const refs = deps.map((d) => (d.includes('/') ? { namespace: d.split('/')[0]!, name: d.split('/')[1]! } : d));
  return appWithKs(namespace, name, refs, { namespace, ...extra });
}

/** longhorn (storage) <- plex, sonarr (media) <- bazarr (media); paperless (productivity) misses `db`. */
export function homelab() {
  const parts = [
    appInOwnNamespace('storage', 'longhorn', [], { wait: true }),
    appInOwnNamespace('media', 'plex', ['storage/longhorn']),
    appInOwnNamespace('media', 'sonarr', ['storage/longhorn']),
    appInOwnNamespace('media', 'bazarr', ['sonarr']),
    appInOwnNamespace('productivity', 'paperless', ['storage/longhorn', 'db']),
    appInOwnNamespace('tools', 'lonely'),
    // a cycle across namespaces: ping (tools) <-> pong (media)
    appInOwnNamespace('tools', 'ping', ['media/pong']),
    appInOwnNamespace('media', 'pong', ['tools/ping']),
  ];
  const m = model({ apps: parts.map((p) => p.app), kustomizations: parts.map((p) => p.ks) });
  return analyzeGraph(m);
}

/** One provider in `infra` and `perNs` dependents in each of `namespaces` other namespaces. */
export function wideProvider(namespaces: number, perNs: number) {
  const parts = [appInOwnNamespace('infra', 'cilium', [], { wait: true })];
  for (let n = 0; n < namespaces; n++)
    for (let i = 0; i < perNs; i++) parts.push(appInOwnNamespace(`ns-${n}`, `app-${n}-${i}`, ['infra/cilium']));
  return analyzeGraph(model({ apps: parts.map((p) => p.app), kustomizations: parts.map((p) => p.ks) })).result.graph;
}
