/**
 * FLUX_NAMESPACE_NOT_SPECIFIED: a namespaced object a Flux build applies without any namespace.
 * Split from flux-build.ts, which calls it once the builds are done and before it defaults namespaces.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { arr, obj, str } from '../../model/values.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import { explicitNs, metaName, type WorkDoc } from './work-doc.ts';

/**
 * Kinds known to be namespaced, by API group. A custom kind's scope is its CRD's, which the model
 * does not read: only these are judged (Capsule's Tenant, cert-manager's ClusterIssuer are cluster-wide).
 */
const NAMESPACED: Readonly<Record<string, ReadonlySet<string>>> = {
  '': new Set(['ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'PersistentVolumeClaim', 'Pod', 'Endpoints', 'LimitRange', 'ResourceQuota']),
  apps: new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  batch: new Set(['Job', 'CronJob']),
  'networking.k8s.io': new Set(['Ingress', 'NetworkPolicy']),
  policy: new Set(['PodDisruptionBudget']),
  'rbac.authorization.k8s.io': new Set(['Role', 'RoleBinding']),
  autoscaling: new Set(['HorizontalPodAutoscaler']),
  'helm.toolkit.fluxcd.io': new Set(['HelmRelease']),
  'kustomize.toolkit.fluxcd.io': new Set(['Kustomization']),
  'source.toolkit.fluxcd.io': new Set(['GitRepository', 'HelmRepository', 'OCIRepository', 'Bucket', 'HelmChart']),
  'notification.toolkit.fluxcd.io': new Set(['Alert', 'Provider', 'Receiver']),
  'external-secrets.io': new Set(['ExternalSecret', 'SecretStore']),
  'cert-manager.io': new Set(['Certificate', 'Issuer']),
  'monitoring.coreos.com': new Set(['ServiceMonitor', 'PodMonitor', 'PrometheusRule']),
  'gateway.networking.k8s.io': new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'Gateway']),
  // Operators homelabs run (their CRDs say Namespaced).
  'postgresql.cnpg.io': new Set(['Cluster', 'ScheduledBackup', 'Backup', 'Pooler', 'Database']),
  'barmancloud.cnpg.io': new Set(['ObjectStore']),
  'dragonflydb.io': new Set(['Dragonfly']),
  'volsync.backube': new Set(['ReplicationSource', 'ReplicationDestination']),
  'snapshot.storage.k8s.io': new Set(['VolumeSnapshot']),
  'keda.sh': new Set(['ScaledObject', 'ScaledJob', 'TriggerAuthentication']),
  'traefik.io': new Set(['IngressRoute', 'Middleware']),
  'cilium.io': new Set(['CiliumNetworkPolicy']),
};

/**
 * Patch text that may write a namespace: a `namespace:` key (YAML or JSON), a JSON 6902 path to it,
 * or an op on the whole metadata or object. Not a word that only holds "namespace" (an environment
 * variable `WATCH_NAMESPACE` a patch sets, `namespaceSelector:`; outside review: such a patch silenced
 * the error for the Deployment it patched).
 */
const WRITES_NAMESPACE = /(^|[^\w-])["']?namespace["']?\s*:|\/metadata\/namespace|["']?path["']?\s*:\s*["']?\/(metadata)?["']?\s*(,|\}|$)/m;

/**
 * A namespaced object that nothing gives a namespace (not itself, a kustomize `namespace:`, nor the
 * Kustomization's targetNamespace): Flux applies with server-side apply, which does not default one,
 * so the Kustomization's apply fails ("<Kind>/<name> namespace not specified"; fluxcd/flux2#3742,
 * #4301). Judged where a build that a cluster root reaches makes it; once per document.
 */
export function namespaceNotSpecified(objects: readonly WorkDoc[], docs: readonly WorkDoc[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<WorkDoc>();
  // Where a namespace may come from something this build does not follow, nothing is said: a
  // Component of spec.components with its own `namespace:` (it reaches the path's objects too),
  // the Kustomization's own spec.patches, a kustomization's `transformers:` (a NamespaceTransformer).
  const kustomizations = docs.filter((d) => d.isKustomizeFile && !d.raw.disabled);
  const transformerDirs = kustomizations.filter((d) => arr(d.body.transformers).length > 0).map((d) => dirOf(d.file));
  const kustomizationIn = new Map(kustomizations.map((d) => [dirOf(d.file), d]));
  const docsOfFile = Map.groupBy(docs.filter((d) => !d.isKustomizeFile), (d) => d.file);
  // (Only a patch that may write a namespace: one that adds HelmRelease install options to every
  // child, as a cluster-apps root does, gives no object a namespace. A patch file (`path:`) is read
  // as an inline one is: a component's ks-patch.yaml adding dependsOn to Flux Kustomizations silenced
  // the error for every app that used the component; outside review. One not read here may.)
  const mayNamespace = (p: unknown, dir: string): boolean => {
    const patch = obj(p).patch;
    if (typeof patch === 'string') return WRITES_NAMESPACE.test(patch);
    const path = str(obj(p).path);
    const file = path === null ? null : resolveIn(dir, path);
    const written = file === null ? undefined : docsOfFile.get(file);
    return written === undefined || written.some((d) => WRITES_NAMESPACE.test(JSON.stringify(d.raw.value)));
  };
  const unsure = (k: WorkDoc): boolean => {
    const spec = obj(k.body.spec);
    if (arr(spec.patches).some((p) => mayNamespace(p, dirOf(k.file)))) return true;
    // A Component that may set one: its `namespace:`, a patch that may write it, replacements, its own
    // transformers or components; or one that is not read here. (The volsync component of a home-ops
    // repository, which adds claims and a ReplicationSource, sets none.)
    const componentMaySet = (entry: unknown) => {
      const dir = typeof entry === 'string' ? resolveIn(k.resolvedPath ?? '', entry) : null;
      const c = dir === null ? undefined : kustomizationIn.get(dir);
      if (!c) return true;
      const body = c.body;
      return str(body.namespace) !== null || [body.transformers, body.components, body.replacements, body.patchesJson6902, body.patchesStrategicMerge].some((l) => arr(l).length > 0) || arr(body.patches).some((p) => mayNamespace(p, dir!));
    };
    if (arr(spec.components).some(componentMaySet)) return true;
    const path = k.resolvedPath;
    return path !== null && transformerDirs.some((t) => isUnder(t, path) || isUnder(path, t));
  };
  for (const o of objects) {
    const owner = o.owners[0];
    if (o.ns !== null || !owner || !o.reached || o.raw.disabled || o.archived !== undefined || !NAMESPACED[o.group]?.has(o.kind)) continue;
    // Not deployed (its build, or one above it, fails: said by that finding), or unsure, or named after all.
    if (o.blockedBy !== undefined || owner.blockedBy !== undefined || str(obj(o.body.metadata).namespace) !== null || unsure(owner)) continue;
    o.noNamespace = true;
    const doc = o.instanceOf ?? o;
    if (seen.has(doc)) continue;
    seen.add(doc);
    const ks = `${owner.ns ?? explicitNs(owner) ?? 'flux-system'}/${metaName(owner)}`;
    out.push(
      finding(
        'FLUX_NAMESPACE_NOT_SPECIFIED',
        'error',
        `${o.kind} ${metaName(o) ?? ''} has no namespace: neither its metadata, a kustomize \`namespace:\` nor Kustomization ${ks}'s targetNamespace gives one, and Flux's server-side apply does not default one, so the apply of ${ks} fails ("${o.kind}/${metaName(o) ?? ''} namespace not specified"). Set metadata.namespace, or targetNamespace on ${ks}.`,
        { file: o.file, line: o.raw.source.line, col: 1 },
        { area: 'flux' },
      ),
    );
  }
  return out;
}
