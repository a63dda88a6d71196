import type { RepoModel } from './repo-model.ts';
import { knownPicks, namespaceLabels, picksNamespace } from './namespace-picks.ts';
import type { ClusterExternalSecret } from './secrets.ts';
import { EVERY_NAMESPACE, namespaceMatches, replicatedInto } from './secret-replication.ts';

// Which Secrets and ConfigMaps the repository makes, and in which namespaces: what an app page calls
// "defined", and what VALUES_FROM_MISSING judges a HelmRelease's valuesFrom by. Here in the model, not
// the site, because the analysis asks it too.

/**
 * Where the repository makes a Secret of one name: in these namespaces, in those a replicator copies it
 * into (patterns, model/secret-replication.ts), or anywhere (`any`): where the namespace is not known
 * (a secretGenerator's, which is the build's; an object that names none), or the maker is cluster-wide
 * (a ClusterSecret, a Kyverno ClusterPolicy's generate rule; a ClusterExternalSecret with an empty
 * namespace selector).
 */
interface Places {
  any: boolean;
  namespaces: Set<string>;
  patterns: string[];
  /**
   * ClusterExternalSecrets whose selectors may pick namespaces whose labels the repository does not
   * hold: whether they make it in such a namespace is not known here.
   */
  picks: ClusterExternalSecret[];
}

type PlacesByCluster = Map<string | null, Map<string, Places>>;

/**
 * Note that `cluster` makes `name` in `namespace` (null or undefined: anywhere), and where a replicator
 * copies it (`copiedTo`, replicatedInto's patterns).
 */
function addPlace(out: PlacesByCluster, cluster: string | null | undefined, name: string, namespace: string | null | undefined, copiedTo: readonly string[] | null = null): void {
  const p = placesOf(out, cluster, name);
  if (namespace === null || namespace === undefined || namespace.includes('${')) p.any = true;
  else p.namespaces.add(namespace);
  if (copiedTo?.includes(EVERY_NAMESPACE)) p.any = true;
  else if (copiedTo) for (const pattern of copiedTo) p.patterns.push(pattern);
}

function placesOf(out: PlacesByCluster, cluster: string | null | undefined, name: string): Places {
  const byName = out.get(cluster ?? null) ?? out.set(cluster ?? null, new Map()).get(cluster ?? null)!;
  return byName.get(name) ?? byName.set(name, { any: false, namespaces: new Set(), patterns: [], picks: [] }).get(name)!;
}

/**
 * Every Secret the repository makes, by the cluster that makes it, then by name, with where: a Secret
 * manifest (plain or SOPS-encrypted), a document of a SOPS file, an ExternalSecret's target, a
 * SealedSecret, what an operator's object syncs (1Password, Vault, CSI ...) or makes (a Certificate's
 * secretName, an issuer-annotated Ingress's tls secrets, a CloudNativePG Cluster's `-app`), what a
 * cluster-wide object or a replicator puts in other namespaces, and every secretGenerator of a
 * kustomization. Commented-out objects too: an app page that says a Secret is "not defined" must not
 * say so of one that is written in the repository. Names and namespaces only, never a value. Once per model.
 *
 * Keyed by cluster where the repository has several (null: of no named cluster): each cluster's copy
 * of an object carries its cluster, and a secretGenerator the clusters whose builds run it. What no
 * named cluster's build makes (a file no build reaches, a root that names no cluster) is under null.
 */
function definedSecretPlaces(model: RepoModel): ReadonlyMap<string | null, ReadonlyMap<string, Places>> {
  const hit = cache.get(model);
  if (hit) return hit;
  const out: PlacesByCluster = new Map();
  const add = (cluster: string | null | undefined, name: string, namespace: string | null | undefined, copiedTo: readonly string[] | null = null) => addPlace(out, cluster, name, namespace, copiedTo);
  // (A Secret nothing gave a namespace, shown in `default`, is where its apply puts it: not known here.)
  for (const s of model.secrets) add(s.cluster, s.name, placed(s), replicatedInto(s.annotations));
  // A SOPS file's documents are of the clusters whose builds copy its Secrets (each copy above carries
  // its cluster and namespace), and of no cluster where none does, in the namespace they write.
  const clustersOfFile = new Map<string, Set<string | null>>();
  const copiedNames = new Set<string>();
  for (const s of model.secrets) {
    (clustersOfFile.get(s.source.file) ?? clustersOfFile.set(s.source.file, new Set()).get(s.source.file)!).add(s.cluster ?? null);
    copiedNames.add(`${s.source.file}\u0000${s.name}`);
  }
  for (const f of model.sopsFiles) {
    const clusters = clustersOfFile.get(f.file) ?? [null];
    for (const d of f.documents) if (d.name !== null && (d.kind === null || d.kind === 'Secret') && !copiedNames.has(`${f.file}\u0000${d.name}`)) for (const cluster of clusters) add(cluster, d.name, d.kind === null ? null : d.namespace);
  }
  for (const e of model.externalSecrets) add(e.cluster, e.targetName, placed(e), replicatedInto(e.targetAnnotations));
  // A ClusterExternalSecret's ExternalSecret, and so its Secret, is in each namespace it picks: those the
  // repository knows (named, or Namespaces of its own whose labels a selector matches), every namespace
  // for an empty selector; others its selector may pick are judged when asked (secretDefined).
  for (const c of model.clusterExternalSecrets) {
    const picks = knownPicks(c, namespaceLabels(model.objects, c.cluster));
    if (picks.every) add(c.cluster, c.targetName, null);
    for (const ns of picks.namespaces) add(c.cluster, c.targetName, ns, replicatedInto(c.targetAnnotations));
    if (picks.more) placesOf(out, c.cluster, c.targetName).picks.push(c);
  }
  for (const s of model.sealedSecrets) add(s.cluster, s.name, placed(s));
  for (const s of model.syncedSecrets) for (const m of s.makes) add(s.cluster, m.name, m.namespace ?? placed(s));
  // (A SOPS file a generator reads, `generatedInto`, becomes that generator's Secret: named here. The
  // namespace is its build's, which the model does not keep: anywhere.)
  for (const k of model.kustomizeFiles) {
    for (const g of k.secretGenerators) for (const cluster of g.clusters ?? [null]) for (const name of [g.name, ...(g.builtAs ?? [])]) add(cluster, name, null);
  }
  // (In the object's namespace; a cluster-wide one's, none, is every namespace.)
  for (const o of [...model.objects, ...model.kyvernoPolicies]) for (const name of o.makesSecrets ?? []) add(o.cluster, name, placed(o));
  // (An Ingress a chart renders from values is no object of the model: its endpoint carries what cert-manager issues.)
  for (const e of model.endpoints) for (const name of e.makesSecrets ?? []) add(e.cluster, name, placed(e));
  for (const h of model.helmReleases) for (const name of chartMadeSecrets(h.values)) add(h.cluster, name, h.targetNamespace ?? placed(h));
  // The bootstrap's source authenticates with the Secret `flux bootstrap` (or the Flux Operator) makes
  // beside it, of the source's own name: made, though no file holds it (code review: every bootstrapped
  // repository's flux-system page said its Secret was not defined).
  for (const s of model.sources) if (s.name === 'flux-system' && (s.kind === 'GitRepository' || s.kind === 'OCIRepository')) for (const u of s.secretUses ?? []) if (u.name === 'flux-system') add(s.cluster, u.name, s.namespace);
  cache.set(model, out);
  return out;
}
const cache = new WeakMap<RepoModel, PlacesByCluster>();

/**
 * The namespace an object is made in (or reads a Secret in), or null where nothing gave it one (shown in
 * `default`: an archived app's ExternalSecret without a namespace, which its apply would put elsewhere).
 */
const placed = (o: { namespace: string | null; namespaceDefaulted?: true | undefined }) => (o.namespaceDefaulted ? null : o.namespace);

/**
 * The namespace an object reads a Secret in, where a Flux build applies it (a root Kustomization is
 * applied by the bootstrap); null otherwise: where an app no build deploys (an archived folder) would
 * run is as unsure as where its Secret would be made, so such a use is judged by name alone.
 */
export const readIn = (o: { namespace: string | null; namespaceDefaulted?: true | undefined; owner: string | null; isRoot?: boolean }) => (o.owner !== null || o.isRoot === true ? placed(o) : null);

/** What the repository makes of a name for an app of `cluster`: another cluster's is not (null: judged by the whole repository). */
function placesFor(defined: ReadonlyMap<string | null, ReadonlyMap<string, Places>>, name: string, cluster: string | null): Places[] {
  const maps = cluster === null ? [...defined.values()] : [defined.get(cluster), defined.get(null)];
  return maps.flatMap((m) => m?.get(name) ?? []);
}

/** Whether those places hold the name in `namespace` (null: not known, so any place counts); null for a templated name. */
function definedIn(places: readonly Places[], name: string, namespace: string | null): boolean | null {
  if (name.includes('${') || name.includes('{{')) return null;
  if (namespace === null || namespace.includes('${')) return places.length > 0;
  return places.some((p) => p.any || p.namespaces.has(namespace) || namespaceMatches(p.patterns, namespace));
}

/** The namespaces of those places other than `namespace`, where `namespace` does not hold the name. */
function onlyIn(places: readonly Places[], name: string, namespace: string | null): string[] {
  if (definedIn(places, name, namespace) !== false) return [];
  return [...new Set(places.flatMap((p) => [...p.namespaces]))].filter((ns) => ns !== namespace).sort();
}

/**
 * Whether the repository defines a Secret of this name for an app of `cluster`, in `namespace`: null where
 * the name is still a template (`${VAR}`, `{{ ... }}`) whose value is not known here, so nothing can be
 * said of it. A pod, a chart's existingSecret, a valuesFrom or substituteFrom reads the Secret of its own
 * namespace only, so one made elsewhere is not this one (outside review: glance in `default` reads
 * `recyclarr-secret`, which only media's ExternalSecret makes, and was said to have it); where the
 * namespace is not known (null), any namespace's counts. Where the repository has several clusters, what
 * another cluster makes is no Secret of this one's (outside review: cluster beta's page counted alpha's
 * ExternalSecret as its `db-creds`); what no named cluster makes counts for each, since the repository
 * does not say where it is applied (so no false "not defined"). An app of no cluster (one no cluster's
 * build reaches) is judged by the whole repository.
 */
export function secretDefined(model: RepoModel, name: string, cluster: string | null = null, namespace: string | null = null): boolean | null {
  const places = placesFor(definedSecretPlaces(model), name, cluster);
  const defined = definedIn(places, name, namespace);
  if (defined !== false || namespace === null) return defined;
  // (Made by a ClusterExternalSecret whose selector may pick it: neither defined nor missing, where its labels are not known.)
  const picked = places.flatMap((p) => p.picks).map((c) => picksNamespace(c, namespace, namespaceLabels(model.objects, c.cluster).get(namespace) ?? null));
  return picked.includes(true) ? true : picked.includes(null) ? null : false;
}

/**
 * The ClusterExternalSecrets that make a Secret of this name in the namespaces their selector picks,
 * where whether it picks `namespace` is not known (its Namespace manifest, and so its labels, is not in
 * the repository): what an app page says instead of "defined" or "not defined".
 */
export function secretPickedBy(model: RepoModel, name: string, cluster: string | null, namespace: string | null): string[] {
  if (namespace === null || secretDefined(model, name, cluster, namespace) !== null) return [];
  const picks = placesFor(definedSecretPlaces(model), name, cluster).flatMap((p) => p.picks);
  return [...new Set(picks.filter((c) => picksNamespace(c, namespace, namespaceLabels(model.objects, c.cluster).get(namespace) ?? null) === null).map((c) => c.name))].sort();
}

/**
 * The namespaces that define this name for an app of `cluster` where `namespace` does not: what an app
 * page says the Secret is "defined only in". Empty where the namespace defines it, or none does.
 */
export function secretDefinedOnlyIn(model: RepoModel, name: string, cluster: string | null, namespace: string | null): string[] {
  if (secretDefined(model, name, cluster, namespace) !== false) return [];
  return onlyIn(placesFor(definedSecretPlaces(model), name, cluster), name, namespace);
}

/**
 * Every ConfigMap the repository makes, by cluster and name with where, as definedSecretPlaces: a
 * ConfigMap manifest (commented out too; one a chart renders from its values' extraObjects), in its
 * namespace and those its reflector or kubernetes-replicator annotations copy it into (both copy
 * ConfigMaps as they do Secrets), and every configMapGenerator, by the names its builds give it as well
 * (in its build's namespace, which the model does not keep: anywhere). Once per model.
 */
function definedConfigMapPlaces(model: RepoModel): ReadonlyMap<string | null, ReadonlyMap<string, Places>> {
  const hit = configMaps.get(model);
  if (hit) return hit;
  const out: PlacesByCluster = new Map();
  for (const o of model.objects) if (o.group === '' && o.kind === 'ConfigMap') addPlace(out, o.cluster, o.name, placed(o), replicatedInto(o.annotations));
  for (const k of model.kustomizeFiles) {
    for (const g of k.configMapGenerators) for (const cluster of g.clusters ?? [null]) for (const name of [g.name, ...(g.builtAs ?? [])]) addPlace(out, cluster, name, null);
  }
  configMaps.set(model, out);
  return out;
}
const configMaps = new WeakMap<RepoModel, PlacesByCluster>();

/**
 * Whether the repository defines a ConfigMap of this name for `cluster`, in `namespace`, as secretDefined
 * says of a Secret: what reads a ConfigMap (a HelmRelease's valuesFrom, a pod) reads the one of its own
 * namespace; null for a name still a template.
 */
export function configMapDefined(model: RepoModel, name: string, cluster: string | null = null, namespace: string | null = null): boolean | null {
  return definedIn(placesFor(definedConfigMapPlaces(model), name, cluster), name, namespace);
}

/** The namespaces that define this ConfigMap where `namespace` does not, as secretDefinedOnlyIn. */
export function configMapDefinedOnlyIn(model: RepoModel, name: string, cluster: string | null, namespace: string | null): string[] {
  return onlyIn(placesFor(definedConfigMapPlaces(model), name, cluster), name, namespace);
}

/**
 * Secrets a chart makes from its values: a block under a key naming a secret (`secret`, `adminSecret`,
 * `auth.secret`) with `create: true` and the `name` it gives it (lubelogger's `secret: {create: true,
 * name: ...}`; outside review: the Secret it reads was shown "not defined"). Names only.
 */
function chartMadeSecrets(values: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string, depth: number): void => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key, depth + 1);
      return;
    }
    const rec = v as Record<string, unknown>;
    if (/secret$/i.test(key) && rec['create'] === true && typeof rec['name'] === 'string' && rec['name'] !== '') out.push(rec['name']);
    for (const [k, x] of Object.entries(rec)) walk(x, k, depth + 1);
  };
  walk(values, '', 0);
  return out;
}

