/**
 * A service mesh's authorization (Linkerd's Server and AuthorizationPolicy, Istio's AuthorizationPolicy)
 * restricts what reaches a namespace's pods as a NetworkPolicy would: NETWORK_POLICY_MISSING and the app
 * page's network note leave such a namespace alone (outside review: a meshed namespace was "open to anywhere").
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive } from './common.ts';

/** A service mesh's inbound authorization: Linkerd's Server and AuthorizationPolicy, Istio's AuthorizationPolicy. */
const MESH_POLICY = new Set(['policy.linkerd.io/Server', 'policy.linkerd.io/AuthorizationPolicy', 'policy.linkerd.io/ServerAuthorization', 'security.istio.io/AuthorizationPolicy']);

/** `cluster|namespace` of the namespaces where a live mesh authorization object is (MESH_POLICY), once per model. */
export function meshAuthorized(model: RepoModel): ReadonlySet<string> {
  let hit = meshCache.get(model);
  if (!hit) meshCache.set(model, (hit = new Set(model.objects.filter((o) => MESH_POLICY.has(`${o.group}/${o.kind}`) && o.namespace !== null && isLive(o, model)).map((o) => `${o.cluster ?? ''}|${o.namespace}`))));
  return hit;
}
const meshCache = new WeakMap<RepoModel, Set<string>>();
