import type { RepoModel } from '../../model/repo-model.ts';

/**
 * The names of every Secret the repository makes, in any namespace and cluster: a Secret manifest
 * (plain or SOPS-encrypted), a document of a SOPS file and the Secret a secretGenerator makes of one,
 * an ExternalSecret's target, a SealedSecret, what an operator's object syncs (1Password, Vault, CSI
 * ...) or makes (a Certificate's secretName, an issuer-annotated Ingress's tls secrets, a CloudNativePG Cluster's `-app`), and every secretGenerator of a kustomization. By name alone, commented-out objects too: an app
 * page that says a Secret is "not defined in the repository" must not say so of one that is written
 * somewhere in it (a shared folder, another namespace a replicator copies from). Names only, never a
 * value. Once per model.
 */
function definedSecretNames(model: RepoModel): ReadonlySet<string> {
  const hit = cache.get(model);
  if (hit) return hit;
  const out = new Set<string>();
  for (const s of model.secrets) out.add(s.name);
  for (const f of model.sopsFiles) {
    for (const d of f.documents) if (d.name !== null && (d.kind === null || d.kind === 'Secret')) out.add(d.name);
    for (const g of f.generatedInto) if (g.kind === 'Secret') out.add(g.name);
  }
  for (const e of model.externalSecrets) out.add(e.targetName);
  for (const s of model.sealedSecrets) out.add(s.name);
  for (const s of model.syncedSecrets) for (const m of s.makes) out.add(m.name);
  for (const k of model.kustomizeFiles) for (const g of k.secretGenerators) for (const name of [g.name, ...(g.builtAs ?? [])]) out.add(name);
  for (const o of model.objects) for (const name of o.makesSecrets ?? []) out.add(name);
  // (An Ingress a chart renders from values is no object of the model: its endpoint carries what cert-manager issues.)
  for (const e of model.endpoints) for (const name of e.makesSecrets ?? []) out.add(name);
  for (const h of model.helmReleases) for (const name of chartMadeSecrets(h.values)) out.add(name);
  // The bootstrap's source authenticates with the Secret `flux bootstrap` (or the Flux Operator) makes
  // beside it, of the source's own name: made, though no file holds it (code review: every bootstrapped
  // repository's flux-system page said its Secret was not defined).
  for (const s of model.sources) if (s.name === 'flux-system' && (s.kind === 'GitRepository' || s.kind === 'OCIRepository')) for (const u of s.secretUses ?? []) if (u.name === 'flux-system') out.add(u.name);
  cache.set(model, out);
  return out;
}
const cache = new WeakMap<RepoModel, Set<string>>();

/**
 * Whether the repository defines a Secret of this name: null where the name is still a template
 * (`${VAR}`, `{{ ... }}`) whose value is not known here, so nothing can be said of it.
 */
export function secretDefined(model: RepoModel, name: string): boolean | null {
  if (name.includes('${') || name.includes('{{')) return null;
  return definedSecretNames(model).has(name);
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

