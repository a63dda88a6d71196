import type { RepoModel } from '../../model/repo-model.ts';

/**
 * The names of every Secret the repository makes, in any namespace, by the cluster that makes it: a
 * Secret manifest (plain or SOPS-encrypted), a document of a SOPS file, an ExternalSecret's target, a
 * SealedSecret, what an operator's object syncs (1Password, Vault, CSI ...) or makes (a Certificate's
 * secretName, an issuer-annotated Ingress's tls secrets, a CloudNativePG Cluster's `-app`), and every
 * secretGenerator of a kustomization. By name alone, commented-out objects too: an app page that says
 * a Secret is "not defined in the repository" must not say so of one that is written somewhere in it
 * (a shared folder, another namespace a replicator copies from). Names only, never a value. Once per model.
 *
 * Keyed by cluster where the repository has several (null: of no named cluster): each cluster's copy
 * of an object carries its cluster, and a secretGenerator the clusters whose builds run it. What no
 * named cluster's build makes (a file no build reaches, a root that names no cluster) is under null.
 */
function definedSecretNames(model: RepoModel): ReadonlyMap<string | null, ReadonlySet<string>> {
  const hit = cache.get(model);
  if (hit) return hit;
  const out = new Map<string | null, Set<string>>();
  const add = (cluster: string | null | undefined, name: string) => (out.get(cluster ?? null) ?? out.set(cluster ?? null, new Set()).get(cluster ?? null)!).add(name);
  for (const s of model.secrets) add(s.cluster, s.name);
  // A SOPS file's documents are of the clusters whose builds copy its Secrets (each copy above carries
  // its cluster), and of no cluster where none does.
  const clustersOfFile = new Map<string, Set<string | null>>();
  for (const s of model.secrets) (clustersOfFile.get(s.source.file) ?? clustersOfFile.set(s.source.file, new Set()).get(s.source.file)!).add(s.cluster ?? null);
  for (const f of model.sopsFiles) {
    const clusters = clustersOfFile.get(f.file) ?? [null];
    for (const d of f.documents) if (d.name !== null && (d.kind === null || d.kind === 'Secret')) for (const cluster of clusters) add(cluster, d.name);
  }
  for (const e of model.externalSecrets) add(e.cluster, e.targetName);
  for (const s of model.sealedSecrets) add(s.cluster, s.name);
  for (const s of model.syncedSecrets) for (const m of s.makes) add(s.cluster, m.name);
  // (A SOPS file a generator reads, `generatedInto`, becomes that generator's Secret: named here.)
  for (const k of model.kustomizeFiles) {
    for (const g of k.secretGenerators) for (const cluster of g.clusters ?? [null]) for (const name of [g.name, ...(g.builtAs ?? [])]) add(cluster, name);
  }
  for (const o of model.objects) for (const name of o.makesSecrets ?? []) add(o.cluster, name);
  // (An Ingress a chart renders from values is no object of the model: its endpoint carries what cert-manager issues.)
  for (const e of model.endpoints) for (const name of e.makesSecrets ?? []) add(e.cluster, name);
  for (const h of model.helmReleases) for (const name of chartMadeSecrets(h.values)) add(h.cluster, name);
  // The bootstrap's source authenticates with the Secret `flux bootstrap` (or the Flux Operator) makes
  // beside it, of the source's own name: made, though no file holds it (code review: every bootstrapped
  // repository's flux-system page said its Secret was not defined).
  for (const s of model.sources) if (s.name === 'flux-system' && (s.kind === 'GitRepository' || s.kind === 'OCIRepository')) for (const u of s.secretUses ?? []) if (u.name === 'flux-system') add(s.cluster, u.name);
  cache.set(model, out);
  return out;
}
const cache = new WeakMap<RepoModel, Map<string | null, Set<string>>>();

/**
 * Whether the repository defines a Secret of this name for an app of `cluster`: null where the name is
 * still a template (`${VAR}`, `{{ ... }}`) whose value is not known here, so nothing can be said of it.
 * Where the repository has several clusters, what another cluster makes is no Secret of this one's
 * (outside review: cluster beta's page counted alpha's ExternalSecret as its `db-creds`); what no named
 * cluster makes counts for each, since the repository does not say where it is applied (so no false
 * "not defined"). An app of no cluster (one no cluster's build reaches) is judged by the whole repository.
 */
export function secretDefined(model: RepoModel, name: string, cluster: string | null = null): boolean | null {
  if (name.includes('${') || name.includes('{{')) return null;
  const defined = definedSecretNames(model);
  if (cluster === null) return [...defined.values()].some((names) => names.has(name));
  return defined.get(cluster)?.has(name) === true || defined.get(null)?.has(name) === true;
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

