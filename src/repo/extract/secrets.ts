import { isStrictPlaceholder } from '../../model/credential-key.ts';
import type { KObject, ObjectRef } from '../../model/k8s-object.ts';
import { selectorRequirements } from '../../model/label-selector.ts';
import type { ClusterExternalSecret, ExternalSecret, PushSecret, SealedSecret, Secret, SecretStore, SyncedSecret } from '../../model/secrets.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import { metaName, type WorkDoc } from '../build/work-doc.ts';
import { base, ref } from './base.ts';

/** An ExternalSecret; keys and remote references only (they are names in the store, not values). */
export function toExternalSecret(d: WorkDoc): Omit<ExternalSecret, 'storeFound'> {
  const b = base(d);
  return { ...b, ...externalSecretSpec(d, obj(d.body.spec), 'spec', b.name) };
}

/**
 * A ClusterExternalSecret: its `externalSecretSpec` read as an ExternalSecret's, and the namespaces it
 * makes that ExternalSecret in, by name and by selector (the deprecated `namespaceSelector`, each
 * `namespaceSelectors` entry; a selector not written picks nothing, an empty one every namespace).
 */
export function toClusterExternalSecret(d: WorkDoc): Omit<ClusterExternalSecret, 'storeFound'> {
  const b = base(d);
  const spec = obj(d.body.spec);
  const externalSecretName = str(spec.externalSecretName) ?? b.name;
  const selectors = [...(isObj(spec.namespaceSelector) ? [spec.namespaceSelector] : []), ...arr(spec.namespaceSelectors).filter(isObj)];
  return {
    ...b,
    ...externalSecretSpec(d, obj(spec.externalSecretSpec), 'spec.externalSecretSpec', externalSecretName),
    externalSecretName,
    namespaces: [...new Set(arr(spec.namespaces).flatMap((n) => str(n) ?? []))].sort(),
    namespaceSelectors: selectors.map(selectorRequirements),
  };
}

/**
 * A PushSecret: the Secret of its namespace it reads, the stores it writes to (a SecretStore of its
 * namespace, or a ClusterSecretStore), and what it pushes, by key names. A template's text is not read.
 */
export function toPushSecret(d: WorkDoc): Omit<PushSecret, 'storeFound'> {
  const spec = obj(d.body.spec);
  const entries = arr(spec.secretStoreRefs).map((r, i) => ({ r: obj(r), at: `spec.secretStoreRefs.${i}` }));
  return {
    ...base(d),
    stores: entries.flatMap(({ r, at }) => (str(r.name) !== null ? (ref(d, r, at, 'SecretStore') ?? []) : [])),
    storeSelectors: entries.filter(({ r }) => str(r.name) === null && isObj(r.labelSelector)).length,
    secretName: str(obj(obj(spec.selector).secret).name),
    data: arr(spec.data).map((e) => {
      const match = obj(obj(e).match);
      return { secretKey: str(match.secretKey), remoteKey: str(obj(match.remoteRef).remoteKey), property: str(obj(match.remoteRef).property) };
    }),
    refreshInterval: str(spec.refreshInterval),
    updatePolicy: str(spec.updatePolicy),
    deletionPolicy: str(spec.deletionPolicy),
  };
}

/** An ExternalSecret's spec, at `at` in the document (an ExternalSecret's own, a ClusterExternalSecret's `externalSecretSpec`). */
function externalSecretSpec(d: WorkDoc, spec: Obj, at: string, name: string): Omit<ExternalSecret, keyof KObject | 'storeFound'> {
  const storeRef = ref(d, spec.secretStoreRef, `${at}.secretStoreRef`, 'SecretStore');
  const entries = [...arr(spec.data).map((e, i) => ({ e, at: `${at}.data.${i}` })), ...arr(spec.dataFrom).map((e, i) => ({ e, at: `${at}.dataFrom.${i}` }))];
  const own = entries.map(({ e, at }) => entryStore(d, obj(obj(e).sourceRef), at));
  const stores = [storeRef, ...own.filter((o) => o !== 'generator')].filter((r): r is ObjectRef => r !== null);
  return {
    storeRef,
    stores: stores.filter((r, i) => stores.findIndex((o) => o.name === r.name && o.kind === r.kind) === i),
    storeRefMissing: storeRef === null && (entries.length === 0 || own.includes(null)),
    refreshInterval: str(spec.refreshInterval),
    refreshPolicy: str(spec.refreshPolicy),
    targetName: str(obj(spec.target).name) ?? name,
    data: arr(spec.data).map((e) => ({
      secretKey: str(obj(e).secretKey) ?? '',
      remoteKey: str(obj(obj(e).remoteRef).key),
      property: str(obj(obj(e).remoteRef).property),
    })),
    dataFrom: arr(spec.dataFrom).map((e) => ({
      extract: str(obj(obj(e).extract).key),
      find: str(obj(obj(obj(e).find).name).regexp) ?? (Object.keys(obj(obj(e).find)).length ? JSON.stringify(obj(obj(e).find).tags ?? obj(e).find) : null),
    })),
    ...externalSecretKeys(spec),
    ...targetLabels(spec),
  };
}

/** The labels and annotations of the Secret it writes (`target.template.metadata`), where it sets any. */
function targetLabels(spec: Obj): Pick<ExternalSecret, 'targetLabels' | 'targetAnnotations'> {
  const metadata = obj(obj(obj(spec.target).template).metadata);
  const strings = (m: unknown) => Object.entries(obj(m)).flatMap(([k, v]) => (str(v) !== null ? [[k, str(v)!] as const] : []));
  const labels = strings(metadata.labels);
  const annotations = strings(metadata.annotations);
  return { ...(labels.length > 0 ? { targetLabels: Object.fromEntries(labels) } : {}), ...(annotations.length > 0 ? { targetAnnotations: Object.fromEntries(annotations) } : {}) };
}

/**
 * The keys of the Secret an ExternalSecret makes, names only: a template's values are never read.
 * ESO (pkg/controllers/externalsecret/externalsecret_controller_template.go, applyTemplate): without
 * a template the Secret holds what data[] and dataFrom[] fetched; with `template.data` or
 * `template.templateFrom`, it holds what the templates render, and the fetched keys too only with
 * `mergePolicy: Merge` (the default is Replace). templateFrom (pkg/controllers/templating/parser.go):
 * a ConfigMap or Secret item rendered `as Values` (the default) writes its own key, one rendered as
 * `KeysAndValues` or a `literal` writes keys its text makes; `target: Labels`/`Annotations` none.
 * https://external-secrets.io/latest/guides/templating/
 */
function externalSecretKeys(spec: Obj): Pick<ExternalSecret, 'keys' | 'unnamedKeysFrom'> {
  const template = obj(obj(spec.target).template);
  const templateFrom = arr(template.templateFrom).map(obj);
  const fromTemplate = Object.keys(obj(template.data));
  const templated = fromTemplate.length > 0 || templateFrom.length > 0;
  const fetched = !templated || str(template.mergePolicy) === 'Merge';
  const intoData = templateFrom.filter((t) => (str(t.target) ?? 'Data') === 'Data');
  const items = intoData.flatMap((t) => [...arr(obj(t.configMap).items), ...arr(obj(t.secret).items)].map(obj));
  const asValues = items.filter((i) => (str(i.templateAs) ?? 'Values') === 'Values').flatMap((i) => str(i.key) ?? []);
  const unnamedTemplate = intoData.some((t) => t.literal !== undefined) || items.some((i) => str(i.templateAs) === 'KeysAndValues');
  const fromData = fetched ? arr(spec.data).flatMap((e) => str(obj(e).secretKey) ?? []) : [];
  const unnamedKeysFrom: ExternalSecret['unnamedKeysFrom'] = [];
  if (fetched && arr(spec.dataFrom).length > 0) unnamedKeysFrom.push('dataFrom');
  if (unnamedTemplate) unnamedKeysFrom.push('templateFrom');
  // template.data wins over templateFrom, which wins over fetched data: one key, written once.
  return { keys: [...new Set([...fromData, ...asValues, ...fromTemplate])], unnamedKeysFrom };
}

/**
 * Where one data[] / dataFrom[] entry reads from, by its `sourceRef`: a store of its own
 * (`storeRef`, which overrides spec.secretStoreRef for this entry), a generator (`generatorRef`: it
 * makes the value, no store is read), or null when it names neither and reads spec.secretStoreRef.
 * https://external-secrets.io/latest/api/externalsecret/ ("must be defined if no spec.secretStoreRef")
 */
function entryStore(d: WorkDoc, sourceRef: Obj, at: string): ObjectRef | 'generator' | null {
  const own = ref(d, sourceRef.storeRef, `${at}.sourceRef.storeRef`, 'SecretStore');
  if (own) return own;
  return Object.keys(obj(sourceRef.generatorRef)).length > 0 ? 'generator' : null;
}

/** A (Cluster)SecretStore: the provider is the one key under spec.provider. */
export function toSecretStore(d: WorkDoc): SecretStore {
  const provider = obj(obj(d.body.spec).provider);
  const refs = new Map<string, { name: string; namespace: string | null }>();
  // Every `...SecretRef` / `secretRef` under the provider's settings that names a Secret, and a
  // `caProvider` of type Secret: what the store reads to reach its backend (depth-bounded).
  const walk = (value: unknown, key: string, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) walk(v, key, depth + 1);
      return;
    }
    const o = value as Record<string, unknown>;
    const name = str(o.name);
    if (name && (/secretref$/i.test(key) || (key === 'caProvider' && str(o.type) === 'Secret'))) refs.set(`${str(o.namespace) ?? ''}/${name}`, { name, namespace: str(o.namespace) });
    for (const [k, v] of Object.entries(o)) walk(v, k, depth + 1);
  };
  walk(provider, '', 0);
  const secretRefs = [...refs.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { ...base(d), provider: Object.keys(provider).sort()[0] ?? null, ...(secretRefs.length > 0 ? { secretRefs } : {}) };
}

const ONLY_VARS = /^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*(?::[=-][^}]*)?\}\s*)+$/;

/**
 * A Secret, keys only. The reader redacts every value except pure `${VAR}` placeholders (those are
 * templates filled by Flux, not secrets), so a Secret made only of placeholders is told apart here.
 */
export function toSecret(d: WorkDoc): Secret {
  // Read from the document as written (before substitution), where `${VAR}` placeholders still show.
  const raw = obj(d.raw.value);
  const keys = [...new Set([...Object.keys(obj(raw.data)), ...Object.keys(obj(raw.stringData))])].sort();
  const values = [...Object.values(obj(raw.data)), ...Object.values(obj(raw.stringData))];
  const type = str(d.body.type);
  const encrypted = d.raw.sops !== null;
  let placeholder: Secret['placeholder'] = null;
  if (type === 'kubernetes.io/service-account-token') placeholder = 'service-account-token';
  else if (/\.example\.ya?ml$|(^|\/)examples?\//.test(d.file)) placeholder = 'example';
  // Keys with empty values (the reader keeps "" as it is: nothing to hide) hold nothing either.
  else if (keys.length === 0 || values.every((v) => v === '' || v === null)) placeholder = 'empty';
  else if (values.length > 0 && values.every((v) => v === '' || v === null || (typeof v === 'string' && ONLY_VARS.test(v)))) placeholder = 'substitution';
  // Values written to be replaced (`<base64-encoded-password>`, `changeme`): an example, not a leak.
  else if (values.some((v) => typeof v === 'string' && isStrictPlaceholder(v)) && values.every((v) => v === '' || v === null || (typeof v === 'string' && (ONLY_VARS.test(v) || isStrictPlaceholder(v))))) placeholder = 'example';
  const exampleKeys = keys.filter((k) => [obj(raw.data)[k], obj(raw.stringData)[k]].some((v) => typeof v === 'string' && isStrictPlaceholder(v)));
  // Keys written with no value (`SOLR_AUTH_PASSWORD: ""`): neither a literal nor a substitution.
  const emptyKeys = keys.filter((k) => [obj(raw.data)[k], obj(raw.stringData)[k]].every((v) => v === '' || v === null || v === undefined));
  return { ...base(d), type, keys, encrypted, placeholder, ...(exampleKeys.length > 0 ? { exampleKeys } : {}), ...(emptyKeys.length > 0 ? { emptyKeys } : {}) };
}

/**
 * A SealedSecret, keys only (the reader wipes `encryptedData`; its keys stay). The scope comes from
 * the annotations the controller reads: cluster-wide wins over namespace-wide, as in kubeseal.
 */
export function toSealedSecret(d: WorkDoc): SealedSecret {
  const b = base(d);
  const spec = obj(d.body.spec);
  const template = obj(spec.template);
  const keys = [...new Set([...Object.keys(obj(spec.encryptedData)), ...Object.keys(obj(template.data))])].sort();
  const on = (key: string) => str(b.annotations[`sealedsecrets.bitnami.com/${key}`]) === 'true';
  const scope: SealedSecret['scope'] = on('cluster-wide') ? 'cluster-wide' : on('namespace-wide') ? 'namespace-wide' : 'strict';
  const type = str(template.type);
  // Where it was sealed for, as written (the template's metadata, else its own), where the build put it
  // elsewhere: the ciphertext is bound to the namespace (and, strict, the name) it was sealed for.
  const written = obj(obj(d.raw.value).metadata);
  const sealedNs = str(obj(template.metadata).namespace) ?? str(written.namespace);
  const sealedName = str(obj(template.metadata).name) ?? str(written.name);
  const known = (v: string | null): v is string => v !== null && !/\$\{|\{\{/.test(v);
  const moved = scope !== 'cluster-wide' && known(sealedNs) && b.namespace !== null && sealedNs !== b.namespace;
  const renamed = scope === 'strict' && known(sealedName) && sealedName !== b.name;
  return { ...b, keys, scope, secretType: type === 'Opaque' ? null : type, ...(moved || renamed ? { sealedFor: { namespace: sealedNs ?? b.namespace ?? '', name: sealedName ?? b.name } } : {}) };
}

type Made = SyncedSecret['makes'][number];

/**
 * The operators besides External Secrets that write Secrets from an outside store, by API group and
 * kind: who writes it, where the values come from and which Secrets it makes. Only names, paths and
 * key names are read; the documents hold no value (tokens are referenced by Secret name).
 */
const SYNCED: Record<string, { operator: string; read: (spec: Record<string, unknown>, name: string, ns: string | null) => { from: string | null; makes: Made[] } }> = {
  // 1Password Connect: the Secret has the item's name and namespace; its keys are the item's fields.
  'onepassword.com/OnePasswordItem': { operator: '1Password', read: (spec, name, ns) => ({ from: str(spec.itemPath), makes: [{ name, namespace: ns, keys: [] }] }) },
  // Vault Secrets Operator: `destination.name` in the object's namespace.
  'secrets.hashicorp.com/VaultStaticSecret': { operator: 'Vault', read: (spec, _name, ns) => ({ from: joined(spec.mount, spec.path), makes: destination(spec, ns) }) },
  'secrets.hashicorp.com/VaultDynamicSecret': { operator: 'Vault', read: (spec, _name, ns) => ({ from: joined(spec.mount, spec.path), makes: destination(spec, ns) }) },
  'secrets.hashicorp.com/VaultPKISecret': { operator: 'Vault', read: (spec, _name, ns) => ({ from: joined(spec.mount, str(spec.role) ? `issue/${str(spec.role)}` : null), makes: destination(spec, ns) }) },
  // Secrets Store CSI driver: mounted as files; `secretObjects` also sync Secrets while a pod mounts it.
  'secrets-store.csi.x-k8s.io/SecretProviderClass': {
    operator: 'Secrets Store CSI',
    read: (spec, _name, ns) => ({
      from: str(spec.provider),
      makes: arr(spec.secretObjects).flatMap((o) => {
        const secretName = str(obj(o).secretName);
        return secretName ? [{ name: secretName, namespace: ns, keys: arr(obj(o).data).flatMap((e) => str(obj(e).key) ?? []) }] : [];
      }),
    }),
  },
  // Infisical: one managed Secret (older) or a list of them, each in the namespace it names.
  'secrets.infisical.com/InfisicalSecret': {
    operator: 'Infisical',
    read: (spec, _name, ns) => {
      const scope = obj(obj(obj(spec.authentication).universalAuth).secretsScope);
      const refs = [spec.managedSecretReference, ...arr(spec.managedKubeSecretReferences)].map(obj);
      return {
        from: joined(scope.projectSlug, scope.envSlug, scope.secretsPath),
        makes: refs.flatMap((r) => (str(r.secretName) ? [{ name: str(r.secretName)!, namespace: str(r.secretNamespace) ?? ns, keys: [] }] : [])),
      };
    },
  },
  // Infisical's v1beta1 API, which replaces InfisicalSecret: each `targets` entry of kind Secret is a Secret
  // it writes (in the namespace the entry names, else the object's), from the `sources` paths (outside
  // review: four apps' Secrets said to be defined nowhere).
  'secrets.infisical.com/InfisicalStaticSecret': {
    operator: 'Infisical',
    read: (spec, _name, ns) => ({
      from: arr(spec.sources).flatMap((src) => joined(obj(src).projectSlug ?? obj(src).projectId, obj(src).environmentSlug, obj(src).secretPath) ?? []).join(', ') || null,
      makes: arr(spec.targets).flatMap((t) => {
        const target = obj(t);
        const name = str(target.name);
        return name && (str(target.kind) ?? 'Secret') === 'Secret' ? [{ name, namespace: str(target.namespace) ?? ns, keys: Object.keys(obj(obj(target.template).data)).sort() }] : [];
      }),
    }),
  },
  // Bitwarden Secrets Manager's operator: `secretName`, keys from `map`.
  'k8s.bitwarden.com/BitwardenSecret': {
    operator: 'Bitwarden',
    read: (spec, name, ns) => ({ from: null, makes: [{ name: str(spec.secretName) ?? name, namespace: ns, keys: arr(spec.map).flatMap((m) => str(obj(m).secretKeyName) ?? []) }] }),
  },
  // The community Bitwarden CRD operator (lerentis): `name`/`namespace` of the Secret, keys from `content`.
  'lerentis.uploadfilter24.eu/BitwardenSecret': {
    operator: 'Bitwarden',
    read: (spec, name, ns) => ({ from: null, makes: [{ name: str(spec.name) ?? name, namespace: str(spec.namespace) ?? ns, keys: arr(spec.content).flatMap((c) => str(obj(obj(c).element).secretRef) ?? []) }] }),
  },
  // Doppler: `managedSecret.name` in `managedSecret.namespace` (default: the object's).
  'secrets.doppler.com/DopplerSecret': {
    operator: 'Doppler',
    read: (spec, _name, ns) => {
      const m = obj(spec.managedSecret);
      return { from: joined(spec.project, spec.config), makes: str(m.name) ? [{ name: str(m.name)!, namespace: str(m.namespace) ?? ns, keys: [] }] : [] };
    },
  },
};

function joined(...parts: unknown[]): string | null {
  const s = parts.map(str).filter((p): p is string => !!p);
  return s.length > 0 ? s.join('/').replace(/\/{2,}/g, '/') : null;
}

function destination(spec: Record<string, unknown>, ns: string | null): Made[] {
  const name = str(obj(spec.destination).name);
  return name ? [{ name, namespace: ns, keys: [] }] : [];
}

/**
 * The Secrets a document makes in the cluster, by name (the repository holds none of their values):
 * an ExternalSecret's target, a SealedSecret, what an operator's object syncs or makes (operatorSecretNames).
 */
export function secretsMadeBy(d: WorkDoc): string[] {
  if (d.kind === 'ExternalSecret' && d.group === 'external-secrets.io') return [str(obj(obj(d.body.spec).target).name) ?? metaName(d) ?? ''].filter(Boolean);
  if (d.kind === 'SealedSecret' && d.group === 'bitnami.com') return [metaName(d) ?? ''].filter(Boolean);
  return isSyncedSecret(d) ? syncedSecretNames(d) : operatorSecretNames(d);
}

/** Whether a document is one of the operators' objects that toSyncedSecret reads. */
export function isSyncedSecret(d: WorkDoc): boolean {
  return Object.hasOwn(SYNCED, `${d.group}/${d.kind}`);
}

/** The names of the Secrets an operator object makes (what `postBuild.substituteFrom` may read). */
function syncedSecretNames(d: WorkDoc): string[] {
  const reader = SYNCED[`${d.group}/${d.kind}`];
  return reader ? reader.read(obj(d.body.spec), metaName(d) ?? '', d.ns).makes.map((m) => m.name) : [];
}

/** A OnePasswordItem, VaultStaticSecret, SecretProviderClass ... : who writes which Secrets, from where. */
export function toSyncedSecret(d: WorkDoc): SyncedSecret {
  const b = base(d);
  const reader = SYNCED[`${d.group}/${d.kind}`]!;
  const { from, makes } = reader.read(obj(d.body.spec), b.name, b.namespace);
  return { ...b, operator: reader.operator, from, makes };
}

/**
 * The Secrets an operator makes of an object that is not a secret manager's (those are SYNCED's):
 * cert-manager writes a Certificate's key pair to `spec.secretName`
 * (https://cert-manager.io/docs/usage/certificate/), CloudNativePG a Cluster's credentials and
 * certificates, ext-postgres-operator a PostgresUser's credentials, Talos' ServiceAccount (talos.dev) a Secret of its own name
 * (https://www.talos.dev/latest/advanced/talos-api-access-from-k8s/), and any Crossplane resource its
 * connection Secret. Names only.
 */
export function operatorSecretNames(d: WorkDoc): string[] {
  if (d.group === 'cert-manager.io' && d.kind === 'Certificate') {
    const name = str(obj(d.body.spec).secretName);
    return name ? [name] : [];
  }
  if (d.group === 'postgresql.cnpg.io' && d.kind === 'Cluster') {
    // CloudNativePG: the owner's credentials `<cluster>-app` (unless the bootstrap, initdb, recovery or
    // pg_basebackup, names the user's own Secret), `<cluster>-superuser` with enableSuperuserAccess (unless
    // superuserSecret names the user's own), and its CA, server and replication certificates where
    // spec.certificates names none of the user's (https://cloudnative-pg.io/documentation/current/applications/,
    // .../certificates/, the API reference's BootstrapInitDB.secret and ClusterSpec.superuserSecret).
    const spec = obj(d.body.spec);
    const name = metaName(d);
    if (!name) return [];
    const certs = obj(spec.certificates);
    const bootstrap = obj(spec.bootstrap);
    const ownerSecret = ['initdb', 'recovery', 'pg_basebackup'].some((k) => str(obj(obj(bootstrap[k]).secret).name) !== null);
    return [
      ...(!ownerSecret ? [`${name}-app`] : []),
      ...(bool(spec.enableSuperuserAccess) === true && str(obj(spec.superuserSecret).name) === null ? [`${name}-superuser`] : []),
      ...(str(certs.serverCASecret) === null ? [`${name}-ca`] : []),
      ...(str(certs.serverTLSSecret) === null ? [`${name}-server`] : []),
      ...(str(certs.replicationTLSSecret) === null ? [`${name}-replication`] : []),
    ];
  }
  // ext-postgres-operator: a PostgresUser's credentials go to `<spec.secretName>-<its name>`
  // (https://github.com/movetokube/postgres-operator#postgresuser; the operator's KEEP_SECRET_NAME, set
  // on its own Deployment, keeps `spec.secretName` alone). Its `secretName` is that prefix, not a Secret
  // it reads (outside review: "database" listed as a Secret an app uses that nothing defines).
  if (d.group === 'db.movetokube.com' && d.kind === 'PostgresUser') {
    const prefix = str(obj(d.body.spec).secretName);
    const name = metaName(d);
    return prefix && name ? [`${prefix}-${name}`] : [];
  }
  const own = metaName(d);
  const spec = obj(d.body.spec);
  // Zalando's postgres-operator: one Secret per login role, `<user>.<cluster>.credentials.postgresql.acid.zalan.do`
  // (its default secret_name_template; `_` in a role name becomes `-`), for spec.users, the `postgres` and
  // `standby` system users, and the default LOGIN roles of spec.preparedDatabases (`<db>_owner_user`,
  // `<db>_reader_user`, `<db>_writer_user`, per schema `<db>_<schema>_...`) where defaultUsers is true
  // (https://github.com/zalando/postgres-operator/blob/master/docs/user.md).
  if (d.group === 'acid.zalan.do' && d.kind === 'postgresql' && own) {
    const roles = ['postgres', 'standby', ...Object.keys(obj(spec.users))];
    for (const [db, prepared] of Object.entries(obj(spec.preparedDatabases))) {
      const p = obj(prepared);
      if (bool(p.defaultUsers) === true) for (const r of ['owner', 'reader', 'writer']) roles.push(`${db}_${r}_user`);
      for (const [schema, s] of Object.entries(obj(p.schemas))) if (bool(obj(s).defaultUsers) === true) for (const r of ['owner', 'reader', 'writer']) roles.push(`${db}_${schema}_${r}_user`);
    }
    return roles.map((r) => `${r.replace(/_/g, '-')}.${own}.credentials.postgresql.acid.zalan.do`);
  }
  // Crunchy PGO and Percona's operator v2: `<cluster>-pguser-<user>` for each spec.users entry, and for the
  // user named after the cluster where none is listed (https://access.crunchydata.com/documentation/postgres-operator/latest/tutorials/basic-setup/user-management).
  if (((d.group === 'postgres-operator.crunchydata.com' && d.kind === 'PostgresCluster') || (d.group === 'pgv2.percona.com' && d.kind === 'PerconaPGCluster')) && own) {
    const users = arr(spec.users).flatMap((u) => str(obj(u).name) ?? []);
    return (users.length > 0 ? users : [own]).map((u) => `${own}-pguser-${u}`);
  }
  // RabbitMQ's cluster operator: the default user's credentials and the Erlang cookie.
  if (d.group === 'rabbitmq.com' && d.kind === 'RabbitmqCluster' && own) return [`${own}-default-user`, `${own}-erlang-cookie`];
  // ECK: the `elastic` user's password and the HTTP certificates' public part.
  if (d.group === 'elasticsearch.k8s.elastic.co' && d.kind === 'Elasticsearch' && own) return [`${own}-es-elastic-user`, `${own}-es-http-certs-public`];
  // MongoDB Community: per user, its connection string (`connectionStringSecretName`, by default
  // `<resource>-<db>-<user>`) and its SCRAM credentials (`<scramCredentialsSecretName>-scram-credentials`).
  if (d.group === 'mongodbcommunity.mongodb.com' && d.kind === 'MongoDBCommunity' && own) {
    return arr(spec.users).flatMap((u) => {
      const user = obj(u);
      const name = str(user.name);
      const scram = str(user.scramCredentialsSecretName);
      return [...(name ? [str(user.connectionStringSecretName) ?? `${own}-${str(user.db) ?? 'admin'}-${name}`] : []), ...(scram ? [`${scram}-scram-credentials`] : [])];
    });
  }
  if (d.group === 'talos.dev' && d.kind === 'ServiceAccount') {
    const name = metaName(d);
    return name ? [name] : [];
  }
  // Crossplane: a managed resource, claim or composite writes its connection details to the Secret its
  // spec.writeConnectionSecretToRef names, in the namespace written there or else its own
  // (https://docs.crossplane.io/latest/concepts/managed-resources/#writeconnectionsecrettoref), whatever
  // the provider's API group (outside review: a Logto Application's OIDC client Secret, read by
  // postBuild.substituteFrom, said to be missing).
  const connection = str(obj(obj(d.body.spec).writeConnectionSecretToRef).name);
  if (connection !== null) return [connection];
  return clusterWideSecretNames(d);
}

/**
 * The Secrets a cluster-wide object writes into many namespaces, each under one name: an External
 * Secrets ClusterExternalSecret (an ExternalSecret, and so its Secret, in every namespace its selectors
 * pick: `externalSecretSpec.target.name`, else `externalSecretName`, else its own name;
 * https://external-secrets.io/latest/api/clusterexternalsecret/), a ClusterSecret (clustersecret.io: a
 * Secret of its own name in the namespaces `matchNamespace` picks), and a Kyverno policy's generate
 * rule of kind Secret (a cloned or written Secret under `generate.name`, in each namespace the rule
 * matches; https://kyverno.io/docs/writing-policies/generate/). The model keeps them on an object with
 * no namespace (a ClusterPolicy's rule) or its own (a namespaced Policy generates there only), so an app
 * page does not call them defined only where their source is. Names only; a templated name is none.
 */
function clusterWideSecretNames(d: WorkDoc): string[] {
  const spec = obj(d.body.spec);
  if (d.group === 'external-secrets.io' && d.kind === 'ClusterExternalSecret') {
    const name = str(obj(obj(spec.externalSecretSpec).target).name) ?? str(spec.externalSecretName) ?? metaName(d);
    return name ? [name] : [];
  }
  if (d.group === 'clustersecret.io' && d.kind === 'ClusterSecret') {
    const name = metaName(d);
    return name ? [name] : [];
  }
  if (d.group === 'kyverno.io' && (d.kind === 'ClusterPolicy' || d.kind === 'Policy')) {
    return arr(spec.rules).flatMap((rule) => {
      const generate = obj(obj(rule).generate);
      const name = str(generate.name);
      return str(generate.kind) === 'Secret' && name !== null && !/\{\{|\$\{/.test(name) ? [name] : [];
    });
  }
  return [];
}
