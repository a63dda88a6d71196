import type { App } from '../../model/app.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { GraphNode } from './types.ts';

/** Looks objects up the way Flux resolves a dependsOn entry: by namespace and name, within one cluster. */
export class NodeIndex<T extends { namespace: string | null; name: string }> {
  private readonly byKey = new Map<string, { item: T; cluster: string | null }[]>();
  readonly all: T[] = [];

  add(item: T, cluster: string | null): void {
    const key = `${item.namespace ?? ''}\u0000${item.name}`;
    const list = this.byKey.get(key) ?? [];
    list.push({ item, cluster });
    this.byKey.set(key, list);
    this.all.push(item);
  }

  /** Same namespace and name; same cluster when both sides know theirs. */
  find(namespace: string | null, name: string, cluster: string | null): T | undefined {
    const list = this.byKey.get(`${namespace ?? ''}\u0000${name}`) ?? [];
    return list.find((e) => e.cluster === cluster || e.cluster === null || cluster === null)?.item;
  }
}

/** The model's facts about one object's app, which every node carries. */
function appFacts(appId: string | null, apps: ReadonlyMap<string, App>): { cluster: string | null; appNamespace: string | null } {
  const app = appId ? apps.get(appId) : undefined;
  return { cluster: app?.cluster ?? null, appNamespace: app?.namespace ?? null };
}

export function kustomizationNode(ks: FluxKustomization, apps: ReadonlyMap<string, App>): GraphNode {
  const { cluster, appNamespace } = appFacts(ks.appId, apps);
  return {
    id: ks.id,
    kind: 'kustomization',
    name: ks.name,
    namespace: ks.namespace,
    // Filed under the namespace its app runs in (home-ops keeps every Kustomization in flux-system: one
    // namespace graph of all of them, thousands of nodes at 1,000 apps, says nothing per app); named by
    // its own namespace everywhere it is labelled (nodeLabel), with its targetNamespace beside it.
    group: appNamespace ?? ks.targetNamespace ?? ks.namespace ?? '_cluster',
    targetNamespace: ks.targetNamespace,
    appId: ks.appId,
    cluster,
    reachedFromRoot: ks.reachedFromRoot,
    isRoot: ks.isRoot,
    wait: ks.wait === true,
    healthChecks: ks.healthChecks,
    suspended: ks.suspend,
    source: ks.source,
  };
}

/** A HelmRelease node; it is reached from a root when the Kustomization that deploys it is. */
export function helmReleaseNode(
  hr: HelmRelease,
  apps: ReadonlyMap<string, App>,
  owners: ReadonlyMap<string, FluxKustomization>,
): GraphNode {
  const { cluster, appNamespace } = appFacts(hr.appId, apps);
  return {
    id: hr.id,
    kind: 'helmrelease',
    name: hr.name,
    namespace: hr.namespace,
    group: appNamespace ?? hr.namespace ?? '_cluster',
    targetNamespace: hr.targetNamespace,
    appId: hr.appId,
    cluster,
    reachedFromRoot: hr.owner ? (owners.get(hr.owner)?.reachedFromRoot ?? false) : false,
    isRoot: false,
    // helm-controller waits for the release's resources unless told not to (install/upgrade.disableWait).
    wait: hr.disableWait !== true,
    healthChecks: 0,
    suspended: hr.suspend === true,
    source: hr.source,
  };
}

/** `namespace/name`, how messages and labels name an object. */
export function displayName(o: { namespace: string | null; name: string }): string {
  return o.namespace ? `${o.namespace}/${o.name}` : o.name;
}

