/**
 * Small repositories for the graph pages, named after what they show: a storage provider half the
 * repo depends on, a dependsOn entry that points at nothing, a cycle across two namespaces.
 */
import { analyzeGraph } from '../../src/analysis/graph/analyze.ts';
import { appWithKs, model } from '../graph/make.ts';

/** longhorn (storage) <- plex, sonarr (media) <- bazarr (media); paperless (productivity) misses `db`. */
export function homelab() {
  const parts = [
    appWithKs('storage', 'longhorn', [], { wait: true }),
    appWithKs('media', 'plex', ['longhorn']),
    appWithKs('media', 'sonarr', ['longhorn']),
    appWithKs('media', 'bazarr', ['sonarr']),
    appWithKs('productivity', 'paperless', ['longhorn', 'db']),
    appWithKs('tools', 'lonely'),
    // a cycle across namespaces: ping (tools) <-> pong (media)
    appWithKs('tools', 'ping', ['pong']),
    appWithKs('media', 'pong', ['ping']),
  ];
  const m = model({ apps: parts.map((p) => p.app), kustomizations: parts.map((p) => p.ks) });
  return analyzeGraph(m);
}

/** One provider in `infra` and `perNs` dependents in each of `namespaces` other namespaces. */
export function wideProvider(namespaces: number, perNs: number) {
  const parts = [appWithKs('infra', 'cilium', [], { wait: true })];
  for (let n = 0; n < namespaces; n++)
    for (let i = 0; i < perNs; i++) parts.push(appWithKs(`ns-${n}`, `app-${n}-${i}`, ['cilium']));
  return analyzeGraph(model({ apps: parts.map((p) => p.app), kustomizations: parts.map((p) => p.ks) })).result.graph;
}
