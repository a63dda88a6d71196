/**
 * A synthetic repository of N apps shaped like a big homelab: a few infrastructure apps everyone
 * depends on, app namespaces of 5-40 apps, chains inside namespaces and some cross-namespace edges.
 * Deterministic (seeded), so timings and snapshots compare across runs.
 */
import type { App } from '../../src/model/app.ts';
import type { FluxKustomization } from '../../src/model/flux.ts';
import { app, ks } from './make.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function syntheticRepo(appCount: number, namespaces = Math.max(3, Math.round(appCount / 25)), seed = 42): { apps: App[]; kustomizations: FluxKustomization[] } {
  const rand = rng(seed);
  const infra = ['cilium', 'coredns', 'cert-manager', 'longhorn', 'external-secrets', 'kube-prometheus-stack'];
  const apps: App[] = [];
  const kss: FluxKustomization[] = [];
  const names: string[] = [];
  for (let i = 0; i < appCount; i++) {
    const isInfra = i < infra.length;
    const ns = isInfra ? 'kube-system' : `ns-${String(i % namespaces).padStart(3, '0')}`;
    const name = isInfra ? infra[i]! : `app-${String(i).padStart(4, '0')}`;
    const deps: string[] = [];
    if (isInfra) {
      if (i > 0) deps.push(infra[i - 1]!);
    } else {
      deps.push(infra[Math.floor(rand() * infra.length)]!);
      if (rand() < 0.5 && i - namespaces >= infra.length) deps.push(names[i - namespaces]!); // same namespace, earlier app
      if (rand() < 0.15) deps.push(names[infra.length + Math.floor(rand() * (i - infra.length))] ?? infra[0]!);
    }
    const a = app({ name, namespace: ns });
    const k = ks({ name, appId: a.id, wait: rand() < 0.7, dependsOn: [...new Set(deps)] });
    a.kustomizations = [k.id];
    apps.push(a);
    kss.push(k);
    names.push(name);
  }
  return { apps, kustomizations: kss };
}
