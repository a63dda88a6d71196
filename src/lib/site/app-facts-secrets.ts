/**
 * The Secrets section of an app's facts (app-facts.ts): what the app's SOPS files, ExternalSecrets,
 * plain, sealed and synced Secrets make, the Secrets its workloads and values use (each said defined in
 * the repository or not), and who else reads them. Names, keys and places only, never a value.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { App } from '../../model/app.ts';
import { knownPicks, namespaceLabels } from '../../model/namespace-picks.ts';
import { namedDocuments } from '../../model/secrets.ts';
import { groupBy } from '../../model/group-by.ts';
import type { AppFacts } from './app-facts-schema.ts';
import type { FactsIndex } from './facts-index.ts';
import { readIn, secretDefined, secretDefinedOnlyIn, secretPickedBy } from '../../model/defined-names.ts';
import { releaseValuesFacts } from './values-facts.ts';
import { unlistedOf } from './app-facts-storage.ts';

const ref = (s: { file: string; line: number }) => ({ file: s.file, line: s.line });
const sopsAppOf = (s: { appId: string | null; disabled: unknown }) => (s.disabled ? null : s.appId);
const liveFileOf = (s: { source: { file: string }; disabled: unknown }) => (s.disabled ? null : s.source.file);

export function secretFacts(
  model: RepoModel,
  index: FactsIndex,
  app: App,
  own: <T extends { appId: string | null }>(list: readonly T[]) => readonly T[],
  valueUses: readonly { name: string; via: string[]; namespace: string | null }[],
): AppFacts['secrets'] {
  const referenced = new Set(valueUses.map((u) => u.name));
  // Who consumes a Secret of this name: the release values (envFrom, secretKeyRef, volumes,
  // imagePullSecrets, existingSecret) and the app's Kustomizations (postBuild.substituteFrom).
  const usedBy = new Map<string, Set<string>>();
  // The names those of them applied use (not a commented-out release's): the `used` list, each with the
  // namespaces it is read in (null: not known), where it must be defined.
  const live = new Map<string, Set<string | null>>();
  const note = (name: string, how: string, applied: boolean, namespace: string | null) => {
    (usedBy.get(name) ?? usedBy.set(name, new Set()).get(name)!).add(how);
    if (applied) (live.get(name) ?? live.set(name, new Set()).get(name)!).add(namespace);
  };
  for (const u of valueUses) {
    live.set(u.name, (live.get(u.name) ?? new Set()).add(u.namespace));
    for (const v of u.via) note(u.name, v, true, u.namespace);
  }
  for (const k of own(model.kustomizations)) {
    // (An optional source is not needed: Flux builds without it, so it is not listed as used. Flux
    // reads it in the Kustomization's own namespace.)
    for (const r of k.postBuild.substituteFrom) if (r.kind === 'Secret') note(r.name, 'substituteFrom', !k.disabled && !r.optional, readIn(k));
  }
  for (const hr of own(model.helmReleases)) {
    // (An optional entry is not needed either: helm-controller installs without it; outside review, one was "not defined".
    // helm-controller reads it in the HelmRelease's own namespace.)
    for (const r of hr.valuesFrom) if (r.kind === 'Secret') note(r.name, r.optional ? 'valuesFrom (optional)' : 'valuesFrom', !hr.disabled && !r.optional, readIn(hr));
  }
  // A secret store's own credential (the 1Password Connect token, Vault's CA): read by the store, in the
  // namespace its ref names, else a SecretStore's own (a ClusterSecretStore's then is each ExternalSecret's: not known).
  for (const st of own(model.secretStores)) for (const r of st.secretRefs ?? []) note(r.name, `auth of ${st.kind} ${st.name}`, !st.disabled, st.owner === null ? null : (r.namespace ?? (st.kind === 'SecretStore' ? readIn(st) : null)));
  // A VolSync mover's `restic.repository` names the Secret with the repository's address and password.
  for (const b of own(model.backupObjects)) {
    if (b.system === 'volsync' && b.repository && !b.disabled) note(b.repository, 'VolSync repository', true, readIn(b));
  }
  // And who else reads it, in its namespace: another app's HelmRelease valuesFrom, Kustomization
  // substituteFrom or workload (a values Secret kept beside the infrastructure that its release reads).
  const others = secretConsumers(model);
  const consumers = (name: string | null, namespace: string | null = app.namespace) => {
    if (!name) return [];
    const elsewhere = [...(others.get(`${namespace ?? ''}\u0000${name}`) ?? [])]
      .filter((c) => c.appId !== app.id && c.appId !== null && (index.apps.get(c.appId)?.cluster ?? null) === app.cluster)
      .map((c) => `${c.how} of ${c.appId}`);
    return [...new Set([...(usedBy.get(name) ?? []), ...elsewhere])].sort();
  };
  // Files their folder's kustomization.yaml leaves out are never applied: not the app's secrets.
  const unlisted = unlistedOf(model);
  const secretsOfFile = groupBy(model.secrets, liveFileOf);
  return {
    // (A component's file several apps' builds copy is each of theirs: its copy here is this app's.)
    sops: [...(groupBy(model.sopsFiles, sopsAppOf).get(app.id) ?? []), ...model.sopsFiles.filter((s) => !s.disabled && s.apps?.includes(app.id))]
      .filter((s) => !unlisted.has(s.file))
      .map((s) => ({
        file: s.file,
        // A values file without a kind of its own is what the cluster gets through a generator: the Secret.
        objects: [
          ...namedDocuments(s).map((d) => {
            // A component's Secret named `${APP}-volsync` is, in this app, the copy its build substituted.
            const copies = d.name?.includes('${') ? own(model.secrets).filter((x) => x.source.file === s.file) : [];
            const name = copies.length === 1 ? copies[0]!.name : d.name;
            // Read in every namespace a build puts a copy in (a component's `cluster-secrets`, in each
            // namespace whose kustomization.yaml names the component), not only the app's.
            const built = copies.length === 1 ? [copies[0]!.namespace] : (secretsOfFile.get(s.file) ?? []).filter((x) => x.name === name).map((x) => x.namespace);
            const places = built.length > 0 ? [...new Set(built)] : [d.namespace ?? app.namespace];
            return { kind: d.kind, name, keys: d.keys, usedBy: [...new Set(places.flatMap((ns) => consumers(name, ns)))].sort() };
          }),
          ...s.generatedInto.map((g) => ({ kind: g.kind, name: g.name, keys: g.env ? s.documents.flatMap((d) => d.keys) : [g.key], usedBy: consumers(g.name) })),
        ],
        recipients: s.meta.age.length + s.meta.pgp.length + s.meta.kms.length + s.meta.gcpKms.length + s.meta.azureKv.length + s.meta.hcVault.length,
        ref: ref(s.source),
      })),
    externalSecrets: own(model.externalSecrets)
      .filter((e) => !e.disabled && !unlisted.has(e.source.file))
      .map((e) => ({
        name: e.name,
        target: e.targetName,
        stores: e.stores.map((r) => `${r.kind ?? 'SecretStore'}/${r.name}`),
        storeFound: e.storeFound,
        refreshInterval: e.refreshInterval,
        keys: e.keys,
        unnamedKeysFrom: e.unnamedKeysFrom,
        usedBy: consumers(e.targetName, e.namespace),
        ref: ref(e.source),
      })),
    clusterExternalSecrets: own(model.clusterExternalSecrets)
      .filter((c) => !c.disabled && !unlisted.has(c.source.file))
      .map((c) => {
        const picks = knownPicks(c, namespaceLabels(model.objects, c.cluster));
        return {
          name: c.name,
          target: c.targetName,
          stores: c.stores.map((r) => `${r.kind ?? 'SecretStore'}/${r.name}`),
          storeFound: c.storeFound,
          refreshInterval: c.refreshInterval,
          keys: c.keys,
          unnamedKeysFrom: c.unnamedKeysFrom,
          namespaces: picks.namespaces,
          everyNamespace: picks.every,
          bySelector: picks.more,
          ref: ref(c.source),
        };
      }),
    pushSecrets: own(model.pushSecrets)
      .filter((p) => !p.disabled && !unlisted.has(p.source.file))
      .map((p) => ({ name: p.name, secret: p.secretName, stores: p.stores.map((r) => `${r.kind ?? 'SecretStore'}/${r.name}`), storeFound: p.storeFound, keys: [...new Set(p.data.flatMap((d) => d.secretKey ?? []))], ref: ref(p.source) })),
    plain: own(model.secrets)
      .filter((s) => !s.disabled && !s.encrypted && !unlisted.has(s.source.file))
      .map((s) => ({ name: s.name, keys: s.keys, encrypted: s.encrypted, usedBy: consumers(s.name, s.namespace), ref: ref(s.source) })),
    sealed: own(model.sealedSecrets)
      .filter((s) => !s.disabled && !unlisted.has(s.source.file))
      .map((s) => ({ name: s.name, keys: s.keys, scope: s.scope, usedBy: consumers(s.name, s.namespace), ref: ref(s.source) })),
    synced: own(model.syncedSecrets)
      .filter((s) => !s.disabled && !unlisted.has(s.source.file))
      .map((s) => ({
        kind: s.kind,
        name: s.name,
        operator: s.operator,
        from: s.from,
        makes: s.makes.map((m) => ({ name: m.name, keys: m.keys, usedBy: consumers(m.name, m.namespace ?? s.namespace) })),
        ref: ref(s.source),
      })),
    referenced: [...referenced].sort(),
    used: [...live.keys()].sort().map((name) => ({ name, usedBy: [...(usedBy.get(name) ?? [])].sort(), ...definedFor(model, name, app.cluster, [...live.get(name)!]) })),
  };
}

/**
 * Whether every namespace a Secret is read in has one of that name (a pod reads its own namespace's),
 * and, where one does not, the namespaces that do: "defined only in media" (outside review: glance in
 * `default` read media's `recyclarr-secret`, and the page was silent). Null for a templated name.
 */
function definedFor(model: RepoModel, name: string, cluster: string | null, namespaces: readonly (string | null)[]): { defined: boolean | null; definedOnlyIn?: string[]; pickedBy?: string[] } {
  const verdicts = namespaces.map((ns) => secretDefined(model, name, cluster, ns));
  if (verdicts.includes(null)) {
    const pickedBy = [...new Set(namespaces.flatMap((ns) => secretPickedBy(model, name, cluster, ns)))].sort();
    return pickedBy.length > 0 ? { defined: null, pickedBy } : { defined: null };
  }
  if (verdicts.every((v) => v === true)) return { defined: true };
  const onlyIn = [...new Set(namespaces.flatMap((ns) => secretDefinedOnlyIn(model, name, cluster, ns)))].sort();
  return onlyIn.length > 0 ? { defined: false, definedOnlyIn: onlyIn } : { defined: false };
}

/**
 * Every reader of a Secret by `namespace\0name`, with how and from which app: HelmRelease valuesFrom
 * (read in the release's namespace) and values (where it installs), Kustomization postBuild.substituteFrom and decryption.secretRef (the Kustomization's
 * namespace), workload pod specs and other objects' `secretRef`s (their own namespace). Once per model.
 */
function secretConsumers(model: RepoModel): ReadonlyMap<string, readonly { how: string; appId: string | null }[]> {
  const hit = consumersOf.get(model);
  if (hit) return hit;
  const out = new Map<string, { how: string; appId: string | null }[]>();
  const add = (namespace: string | null, name: string, how: string, appId: string | null) => {
    const key = `${namespace ?? ''}\u0000${name}`;
    (out.get(key) ?? out.set(key, []).get(key)!).push({ how, appId });
  };
  for (const h of model.helmReleases) if (!h.disabled) for (const r of h.valuesFrom) if (r.kind === 'Secret') add(h.namespace, r.name, 'valuesFrom', h.appId);
  // (What a release's values name, `existingSecret: mariadb-admin`, the chart reads where it installs: another
  // app's ExternalSecret in that namespace is used by it, outside review.)
  for (const h of model.helmReleases) if (!h.disabled) for (const u of releaseValuesFacts(h).secretUses) for (const via of u.via) add(u.namespace ?? h.targetNamespace ?? h.namespace, u.name, via, h.appId);
  for (const k of model.kustomizations) if (!k.disabled) for (const r of k.postBuild.substituteFrom) if (r.kind === 'Secret') add(k.namespace, r.name, 'substituteFrom', k.appId);
  // (The key kustomize-controller decrypts SOPS files with: a parent's spec.patches may set it for every child.)
  for (const k of model.kustomizations) if (!k.disabled && k.decryptionSecret) add(k.namespace, k.decryptionSecret, 'SOPS decryption', k.appId);
  // (A ClusterIssuer reads its solvers' Secrets in cert-manager's cluster resource namespace, cert-manager by default.)
  for (const o of model.objects) if (!o.disabled && o.secretUses) for (const u of o.secretUses) for (const via of u.via) add(u.namespace ?? (o.kind === 'ClusterIssuer' ? 'cert-manager' : o.namespace), u.name, via, o.appId);
  for (const st of model.secretStores) if (!st.disabled) for (const r of st.secretRefs ?? []) add(r.namespace ?? st.namespace, r.name, `auth of ${st.kind} ${st.name}`, st.appId);
  consumersOf.set(model, out);
  return out;
}
const consumersOf = new WeakMap<RepoModel, Map<string, { how: string; appId: string | null }[]>>();

/** A release's values facts, once per release object (its app's page and every other app's secrets read them). */
