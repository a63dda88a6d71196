/**
 * NAMESPACE_MISSING: objects a cluster's Flux builds apply go into a namespace that nothing creates.
 * kustomize-controller does not create namespaces (it applies Namespace objects of a build first, but
 * makes none of its own), so the apply of the first such object fails with `namespaces "X" not found`
 * and the Kustomization applies nothing of its build. Homelab repositories keep a `namespace.yaml` per
 * namespace folder; a new folder without one is the mistake this finds.
 *
 * A namespace counts as created by (the check stays silent where anything may create it):
 * - a Namespace document a build applies, or the bootstrap (one in a `bootstrap/` folder, one of a
 *   cluster's folder of roots Flux's bootstrap applies); not one no build reaches elsewhere, nor one its
 *   folder's kustomization.yaml leaves out: the finding names that file;
 * - a deployed HelmRelease with `install.createNamespace: true` and that targetNamespace;
 * - the bootstrap: a helmfile release's namespace, a script's `kubectl create namespace` or
 *   `helm --create-namespace -n` (src/repo/bootstrap-read.ts, `namespace:<name>`);
 * - the cluster itself (default, kube-system, kube-public, kube-node-lease) and Flux's install
 *   (flux-system);
 * - a ResourceSet template that may make a Namespace of a matching name;
 * - a Namespace a chart renders from its values (a `raw` chart's `resources`, `extraObjects`).
 * Silent altogether where a build applies what the repository does not hold, which may create any
 * namespace: a kustomization.yaml's remote resource (a release URL of cert-manager or MetalLB), a
 * Kustomization of another repository's source (code review).
 * Judged only in a repository with a cluster root, for objects a root's builds apply to this cluster
 * (not through a kubeConfig), of a kind known to be namespaced (a custom kind may be cluster-scoped:
 * kustomize writes its `namespace:` into those too), whose namespace holds no variable. A live
 * Namespace whose name is a variable left unresolved makes the check stay silent for its cluster.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { offInText } from '../../model/raw-doc.ts';
import type { KObject } from '../../model/k8s-object.ts';
import type { Preinstalled } from '../../model/preinstalled.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { sourcesDefinedNowhere } from '../../model/source-defined-nowhere.ts';
import { templateMatches } from '../../model/templated.ts';
import { remoteContentNamespaces } from '../../model/outside-content.ts';
import { isLive, unknownName } from './common.ts';

type Input = Pick<RepoModel, 'objects' | 'kustomizations' | 'helmReleases' | 'sopsFiles' | 'kustomizeFiles' | 'sources' | 'apps'> & Partial<Pick<RepoModel, 'templated'>>;

/** A folder a bootstrap applies by convention (bootstrap-read.ts reads its helmfiles, scripts and CRDs there). */
const BOOTSTRAP_FOLDER = /(^|\/)bootstrap(\/|$)/i;

const ALWAYS = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'flux-system']);

/** API groups whose namespaced kinds are known (all but the cluster-scoped ones below). */
const KNOWN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'discovery.k8s.io', 'coordination.k8s.io',
  'helm.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'source.toolkit.fluxcd.io', 'notification.toolkit.fluxcd.io', 'image.toolkit.fluxcd.io',
  'external-secrets.io', 'monitoring.coreos.com', 'gateway.networking.k8s.io', 'cert-manager.io', 'bitnami.com', 'volsync.backube',
  'postgresql.cnpg.io', 'traefik.io', 'traefik.containo.us', 'cilium.io', 'kyverno.io', 'autoscaling.k8s.io', 'keda.sh',
]);
/** The cluster-scoped kinds of those groups. */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR', 'gateway.networking.k8s.io/GatewayClass',
  'cert-manager.io/ClusterIssuer', 'external-secrets.io/ClusterSecretStore', 'external-secrets.io/ClusterExternalSecret', 'external-secrets.io/ClusterPushSecret',
  'external-secrets.io/ClusterGenerator', 'kyverno.io/ClusterPolicy', 'kyverno.io/ClusterCleanupPolicy', 'keda.sh/ClusterTriggerAuthentication',
  'postgresql.cnpg.io/ClusterImageCatalog',
]);

function knownNamespaced(o: Pick<KObject, 'group' | 'kind'>): boolean {
  if (!KNOWN_GROUPS.has(o.group) || CLUSTER_SCOPED.has(`${o.group}/${o.kind}`)) return false;
  // cilium.io's Cilium* kinds: the network policies are namespaced, the cluster-wide ones and the
  // pools, BGP and L2 settings are not.
  return o.group !== 'cilium.io' || o.kind === 'CiliumNetworkPolicy';
}


export function namespaceMissingFindings(model: Input, preinstalled: readonly Preinstalled[]): Finding[] {
  if (!model.kustomizations.some((k) => k.isRoot && !k.disabled)) return [];
  // What the repository does not hold, applied by a build: it may create any namespace, or only the one
  // its build puts it in (kustomize's namespace transformer names every Namespace object after it);
  // CRDs only, none (remoteContentNamespaces).
  const fetched = remoteContentNamespaces(model);
  if (fetched === 'any') return [];
  // Another repository's build may make any namespace; with spec.targetNamespace only that one (kustomize's
  // namespace transformer names every Namespace of the build after it; outside review: one operator's
  // Kustomization of another repository silenced the check for eleven namespaces).
  // (Not one whose source is defined nowhere and is this repository under a stale name: it applies nothing.)
  const nowhere = sourcesDefinedNowhere(model);
  const external = model.kustomizations.filter((k) => k.externalSource && !k.disabled && (k.reachedFromRoot || k.isRoot) && !nowhere.has(k.id));
  if (external.some((k) => k.targetNamespace === null || unknownName(k.targetNamespace))) return [];
  const ksById = new Map(model.kustomizations.map((k) => [k.id, k]));
  // Applied to another cluster: a kubeConfig Kustomization, or one of what it applies.
  // (Once per Kustomization: every object asks of its owner.)
  const remoteOf = new Map<string | null, boolean>();
  const remote = (owner: string | null): boolean => {
    let hit = remoteOf.get(owner);
    if (hit === undefined) {
      hit = false;
      for (let id = owner, depth = 0; id !== null && depth < 32; depth++) {
        const ks = ksById.get(id);
        if (!ks) break;
        if (ks.remote || ks.kubeConfig) {
          hit = true;
          break;
        }
        id = ks.owner;
      }
      remoteOf.set(owner, hit);
    }
    return hit;
  };
  const everywhere = new Set([...ALWAYS, ...preinstalled.filter((p) => p.name.startsWith('namespace:')).map((p) => p.name.slice('namespace:'.length))]);
  const made = new Map<string | null, Set<string>>();
  const add = (cluster: string | null, ns: string) => (made.get(cluster) ?? made.set(cluster, new Set()).get(cluster)!).add(ns);
  const unknownIn = new Set<string | null>();
  for (const k of external) add(k.cluster ?? null, k.targetNamespace!);
  for (const ns of fetched ?? []) add(null, ns);
  // A Namespace file its built folder's kustomization.yaml leaves out is applied by nothing (its own
  // NOT_DEPLOYED says so): the namespace is not made (outside review), and the finding names the file.
  const unlisted = new Map<string, string>();
  // Nor does one no build applies (a module folder no kustomization.yaml lists, an unreached
  // Kustomization's: `clusters/base/longhorn/namespace.yaml` silenced the finding for the Secret a
  // cluster's build puts in longhorn-system; outside review), unless the bootstrap applies it: a file of
  // a `bootstrap/` folder, or of a cluster's folder of roots Flux's bootstrap applies (its app is deployed).
  const orphan = new Map<string, string>();
  const deployedApps = new Set(model.apps.filter((a) => !a.disabled && !a.unreferenced && !a.notDeployed).map((a) => a.id));
  const byBootstrap = (o: KObject) => o.owner === null && (BOOTSTRAP_FOLDER.test(o.source.file.slice(0, Math.max(0, o.source.file.lastIndexOf('/')))) || (o.appId !== null && deployedApps.has(o.appId)));
  for (const o of model.objects) {
    if (o.group === '' && o.kind === 'Namespace' && o.disabled === 'unlisted' && !unknownName(o.name)) unlisted.set(o.name, o.source.file);
    if (o.group !== '' || o.kind !== 'Namespace' || offInText(o.disabled) || o.disabled === 'unlisted') continue;
    if (!isLive(o, model) && !byBootstrap(o)) {
      if (!unknownName(o.name) && !orphan.has(o.name)) orphan.set(o.name, o.source.file);
      continue;
    }
    if (!unknownName(o.name)) add(o.cluster ?? null, o.name);
    else unknownIn.add(o.cluster ?? null);
  }
  for (const hr of model.helmReleases) {
    if (!isLive(hr, model)) continue;
    if (hr.createNamespace && hr.targetNamespace) add(hr.cluster ?? null, hr.targetNamespace);
    for (const ns of namespacesInValues(hr.values)) add(hr.cluster ?? null, ns);
  }
  const templates = (model.templated ?? []).filter((t) => t.kind === '*' || t.kind === 'Namespace');
  const madeAnywhere = new Set([...made.values()].flatMap((set) => [...set]));
  const isMade = (cluster: string | null, ns: string) =>
    everywhere.has(ns) ||
    made.get(null)?.has(ns) === true ||
    (cluster === null ? madeAnywhere.has(ns) : made.get(cluster)?.has(ns) === true) ||
    templates.some((t) => templateMatches(t.name, ns));

  // Each namespace's users, per cluster: the objects put in it, and the releases installed into it.
  const users = new Map<string, { cluster: string | null; ns: string; objects: KObject[] }>();
  const use = (o: KObject, ns: string) => {
    const cluster = o.cluster ?? null;
    if (unknownIn.has(cluster) || unknownIn.has(null) || isMade(cluster, ns)) return;
    const key = `${cluster ?? ''}\u0000${ns}`;
    (users.get(key) ?? users.set(key, { cluster, ns, objects: [] }).get(key)!).objects.push(o);
  };
  const sops = new Set(model.sopsFiles.map((f) => f.file));
  const liveHere = (o: KObject) => !sops.has(o.source.file) && isLive(o, model) && !remote(o.owner);
  for (const o of model.objects) {
    if (o.namespace === null || o.namespaceDefaulted || unknownName(o.namespace) || o.id.includes('#') || !knownNamespaced(o) || !liveHere(o)) continue;
    use(o, o.namespace);
  }
  for (const hr of model.helmReleases) {
    if (hr.targetNamespace === null || hr.createNamespace || hr.kubeConfig || unknownName(hr.targetNamespace) || hr.targetNamespace === hr.namespace || !liveHere(hr)) continue;
    use(hr, hr.targetNamespace);
  }
  const out: Finding[] = [];
  for (const { cluster, ns, objects } of users.values()) {
    const sorted = [...new Map(objects.map((o) => [o.id, o])).values()].sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line);
    const first = sorted[0]!;
    const installs = first.kind === 'HelmRelease' && first.namespace !== ns;
    const what = installs ? `HelmRelease ${first.namespace}/${first.name} installs into it` : `${first.kind} ${first.name} is applied into it`;
    const others = sorted.length > 1 ? ` (and ${sorted.length - 1} other object${sorted.length > 2 ? 's' : ''})` : '';
    // (Another cluster's build may create it: said so, not "nothing in the repository".)
    const elsewhere = cluster === null ? [] : [...made].filter(([c, set]) => c !== null && c !== cluster && set.has(ns)).map(([c]) => c!).sort();
    const left = unlisted.get(ns);
    const stray = orphan.get(ns);
    const nothing = left !== undefined ? `nothing applied (its Namespace manifest, ${left}, is not listed in its folder's kustomization.yaml)` : stray !== undefined && elsewhere.length === 0 ? `nothing applied (its Namespace manifest, ${stray}, is in a folder no Flux build applies)` : elsewhere.length > 0 ? `nothing cluster ${cluster} applies (the build${elsewhere.length > 1 ? 's' : ''} of ${elsewhere.join(', ')} ${elsewhere.length > 1 ? 'do' : 'does'})` : 'nothing in the repository';
    out.push(
      finding(
        'NAMESPACE_MISSING',
        'warning',
        `Namespace ${ns}${cluster ? ` (cluster ${cluster})` : ''} is created by ${nothing}, but ${what}${others}: no Namespace manifest, no HelmRelease with install.createNamespace, no bootstrap step makes it. Flux does not create namespaces, so the apply fails with \`namespaces "${ns}" not found\` unless something outside the repository creates it. Add a Namespace manifest to the build that applies ${installs ? 'the release' : 'it'}${installs ? ', or set spec.install.createNamespace: true' : ''}.`,
        first.source,
        { area: 'flux', objectId: first.id, ...(first.appId ? { appId: first.appId } : {}) },
      ),
    );
  }
  return out;
}

/**
 * Namespaces a chart renders from its values as whole manifests (`{kind: Namespace, metadata: {name}}`
 * near the top: a `raw` chart's `resources`, `extraObjects`, a subchart's). Three levels deep at most:
 * every release's values are walked on each scan, and manifests are written near the top.
 */
function namespacesInValues(values: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 3 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    const rec = v as Record<string, unknown>;
    const meta = rec['metadata'];
    if (rec['kind'] === 'Namespace' && meta !== null && typeof meta === 'object' && typeof (meta as Record<string, unknown>)['name'] === 'string') out.push((meta as Record<string, string>)['name']!);
    for (const x of Object.values(rec)) walk(x, depth + 1);
  };
  walk(values, 0);
  return out;
}

