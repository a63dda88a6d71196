import { z } from 'zod';
import { KObjectBase, ObjectRefSchema, type ObjectRef } from './k8s-object.ts';
import { SelectorRequirementSchema } from './label-selector.ts';
import { SopsMetaSchema } from './raw-doc.ts';
import { SourceSchema } from './source.ts';

/**
 * An ExternalSecret (external-secrets.io, v1beta1 and v1). Remote keys and properties are
 * references into the store, not values. https://external-secrets.io/latest/api/externalsecret/
 */
export const ExternalSecretSchema = z.object({
  ...KObjectBase,
  /** `spec.secretStoreRef`: the store of every entry that names none of its own. Optional in ESO. */
  storeRef: ObjectRefSchema.nullable(),
  /**
   * Every store it reads, each once: `spec.secretStoreRef`, then the stores entries name in
   * `data[].sourceRef.storeRef` / `dataFrom[].sourceRef.storeRef` (which override it for that entry),
   * each at its entry's line. Empty for one whose entries all use generators.
   */
  stores: z.array(ObjectRefSchema),
  /**
   * An entry names neither a store nor a generator (`sourceRef.generatorRef`) of its own, or there is
   * no entry, and `spec.secretStoreRef` is not written: nothing tells the operator where to read it.
   */
  storeRefMissing: z.boolean(),
  /** As written; null when missing (the operator then uses its default of 1h). */
  refreshInterval: z.string().nullable(),
  refreshPolicy: z.string().nullable(),
  targetName: z.string(),
  data: z.array(z.object({ secretKey: z.string(), remoteKey: z.string().nullable(), property: z.string().nullable() })),
  dataFrom: z.array(z.object({ extract: z.string().nullable(), find: z.string().nullable() })),
  /**
   * Key names of the Secret the operator writes, as far as the manifest names them (never a
   * template's value): `spec.data[].secretKey` without a template; with `target.template.data` or
   * `templateFrom`, the template's keys only (mergePolicy Replace, the default), or both (Merge).
   */
  keys: z.array(z.string()),
  /**
   * Where the Secret also gets keys whose names the repository does not hold: `dataFrom` (the
   * store's keys, where no template replaces them) and `templateFrom` (a `literal`, or an item
   * templated as `KeysAndValues`, renders its own keys). Empty when `keys` is the whole Secret.
   */
  unnamedKeysFrom: z.array(z.enum(['dataFrom', 'templateFrom'])),
  /**
   * Labels of the Secret it writes (`target.template.metadata.labels`; an operator may watch for one:
   * CloudNativePG reloads a Secret labelled `cnpg.io/reload`). Absent when it sets none.
   */
  targetLabels: z.record(z.string(), z.string()).optional(),
  /**
   * Annotations of the Secret it writes (`target.template.metadata.annotations`): a replicator's
   * (reflector, kubernetes-replicator) copy it into other namespaces (model/secret-replication.ts).
   * Absent when it sets none.
   */
  targetAnnotations: z.record(z.string(), z.string()).optional(),
  /** Whether every store it reads is defined in the repo (and none is missing: see storeRefMissing). */
  storeFound: z.boolean(),
});
export type ExternalSecret = z.output<typeof ExternalSecretSchema>;

/**
 * A ClusterExternalSecret (external-secrets.io): the ExternalSecret of `spec.externalSecretSpec` (read
 * as an ExternalSecret's spec: stores, target, keys), made under `externalSecretName` (else its own
 * name) in every namespace `spec.namespaces` names or a namespace selector picks.
 * https://external-secrets.io/latest/api/clusterexternalsecret/
 */
export const ClusterExternalSecretSchema = ExternalSecretSchema.extend({
  /** The name of the ExternalSecret it makes in each namespace. */
  externalSecretName: z.string(),
  /** `spec.namespaces`: the namespaces it names. */
  namespaces: z.array(z.string()),
  /**
   * `spec.namespaceSelector` and each `spec.namespaceSelectors` entry, as requirements: a namespace
   * whose labels one of them matches is picked (an empty selector picks every namespace).
   */
  namespaceSelectors: z.array(z.array(SelectorRequirementSchema)),
});
export type ClusterExternalSecret = z.output<typeof ClusterExternalSecretSchema>;

/**
 * A PushSecret (external-secrets.io): it reads a Secret of its namespace (`spec.selector.secret.name`)
 * and writes its keys to the stores `spec.secretStoreRefs` names. Key names and remote key names
 * only (names in the store, not values); a template's text is never read.
 * https://external-secrets.io/latest/api/pushsecret/
 */
export const PushSecretSchema = z.object({
  ...KObjectBase,
  /** The stores `spec.secretStoreRefs` names (kind SecretStore unless written), each at its entry's line. */
  stores: z.array(ObjectRefSchema),
  /** Entries that pick stores by `labelSelector`, not by name: which stores they are is not known here. */
  storeSelectors: z.number().int(),
  /** `spec.selector.secret.name`: the Secret it pushes; null where a generator (`selector.generatorRef`) makes the value. */
  secretName: z.string().nullable(),
  /** What `spec.data[].match` pushes: a key of the Secret (none: the whole Secret) to a remote key and property. */
  data: z.array(z.object({ secretKey: z.string().nullable(), remoteKey: z.string().nullable(), property: z.string().nullable() })),
  /** As written; null when missing (the operator's default, 1h). */
  refreshInterval: z.string().nullable(),
  /** `spec.updatePolicy` (Replace, the default, or IfNotExists) and `spec.deletionPolicy` (None, the default, or Delete), as written. */
  updatePolicy: z.string().nullable(),
  deletionPolicy: z.string().nullable(),
  /** Whether every store it names is defined where it is deployed, and it names one (by name or label selector). */
  storeFound: z.boolean(),
});
export type PushSecret = z.output<typeof PushSecretSchema>;

/** A SecretStore or ClusterSecretStore and its provider (onepassword, doppler, infisical, vault ...). */
export const SecretStoreSchema = z.object({
  ...KObjectBase,
  provider: z.string().nullable(),
  /**
   * The Secrets its provider's settings name (`auth.secretRef.connectTokenSecretRef`, a `caProvider`
   * of type Secret ...): the credential the store itself reads. A ref's namespace where written (a
   * ClusterSecretStore's), else none (the store's own). Absent when none.
   */
  secretRefs: z.array(z.object({ name: z.string(), namespace: z.string().nullable() })).optional(),
});
export type SecretStore = z.output<typeof SecretStoreSchema>;

/**
 * Whether `s` is the store `ref` names for an object of `cluster`: the same kind (SecretStore when
 * unwritten) and name, in the same namespace for a SecretStore (it is namespaced, a
 * ClusterSecretStore is not), and both of one cluster.
 */
export function isStoreOf(ref: ObjectRef, cluster: string | null | undefined, s: SecretStore): boolean {
  return s.name === ref.name && s.kind === (ref.kind ?? 'SecretStore') && (s.kind === 'ClusterSecretStore' || s.namespace === ref.namespace) && (s.cluster ?? null) === (cluster ?? null);
}

/**
 * A Kubernetes Secret, keys only. `placeholder` tells templated secrets apart from real values:
 * all values `${VAR}` substitutions, a service-account token, or a `*.example.yaml` file.
 */
export const SecretSchema = z.object({
  ...KObjectBase,
  type: z.string().nullable(),
  keys: z.array(z.string()),
  encrypted: z.boolean(),
  placeholder: z.enum(['substitution', 'service-account-token', 'example', 'empty']).nullable(),
  /** Keys whose value is written to be replaced (`<base64-encoded-password>`): no value, no substitution. Absent when none. */
  exampleKeys: z.array(z.string()).optional(),
  /** Keys written with no value (`""`, null): nothing to hide, nothing substituted. Absent when none. */
  emptyKeys: z.array(z.string()).optional(),
});
export type Secret = z.output<typeof SecretSchema>;

/**
 * A Bitnami SealedSecret (bitnami.com/v1alpha1): the sealed-secrets controller decrypts it in the
 * cluster into a Secret of the same name and namespace. Keys only: `encryptedData` is ciphertext,
 * wiped at read time like a Secret's data. https://github.com/bitnami-labs/sealed-secrets
 */
export const SealedSecretSchema = z.object({
  ...KObjectBase,
  /** Key names of `spec.encryptedData`, then of `spec.template.data` (templated keys, not encrypted). */
  keys: z.array(z.string()),
  /**
   * Who may unseal it, from its annotations (`sealedsecrets.bitnami.com/cluster-wide` /
   * `namespace-wide`): `strict` (the default) binds the ciphertext to this name and namespace.
   */
  scope: z.enum(['strict', 'namespace-wide', 'cluster-wide']),
  /** `spec.template.type` (e.g. kubernetes.io/dockerconfigjson); null for the default Opaque. */
  secretType: z.string().nullable(),
  /**
   * The namespace and name it was sealed for (its template's metadata, else its own as written), where
   * its build puts it under another namespace (or, strict, another name): the controller cannot unseal
   * it there. Absent otherwise.
   */
  sealedFor: z.object({ namespace: z.string(), name: z.string() }).optional(),
});
export type SealedSecret = z.output<typeof SealedSecretSchema>;

/**
 * A Secret another operator writes into the cluster from an outside store (External Secrets has its
 * own schema): 1Password Connect's OnePasswordItem, Vault Secrets Operator's VaultStaticSecret,
 * VaultDynamicSecret and VaultPKISecret, the Secrets Store CSI driver's SecretProviderClass (the
 * Secrets its `secretObjects` sync), InfisicalSecret, BitwardenSecret and DopplerSecret. References
 * only (an item path, a mount and path, a provider, key names): none of these documents holds a value.
 */
export const SyncedSecretSchema = z.object({
  ...KObjectBase,
  /** Who writes the Secret: 1Password, Vault, Secrets Store CSI, Infisical, Bitwarden, Doppler. */
  operator: z.string(),
  /** Where its values come from, as written: the item path, `mount/path`, the CSI provider, the project. */
  from: z.string().nullable(),
  /** The Secrets it makes, with the key names it declares; none for a SecretProviderClass that only mounts files. */
  makes: z.array(z.object({ name: z.string(), namespace: z.string().nullable(), keys: z.array(z.string()) })),
});
export type SyncedSecret = z.output<typeof SyncedSecretSchema>;

/**
 * A kustomize generator entry that reads a file (`configMapGenerator` / `secretGenerator`
 * `files:`): the object the file becomes, under which key, and where the entry is.
 */
export const GeneratorUseSchema = z.object({
  kind: z.enum(['ConfigMap', 'Secret']),
  name: z.string(),
  key: z.string(),
  source: SourceSchema,
  /** A Flux build from a cluster root runs the generator's kustomization file. */
  deployed: z.boolean(),
  /** An `envs:` dotenv file: each of its lines is a key of the object (`key` is empty). */
  env: z.boolean().optional(),
});
export type GeneratorUse = z.output<typeof GeneratorUseSchema>;

/** A file that carries a `sops:` block, with the objects inside it (keys only) and its metadata. */
export const SopsFileSchema = z.object({
  file: z.string(),
  source: SourceSchema,
  documents: z.array(z.object({ kind: z.string().nullable(), name: z.string().nullable(), namespace: z.string().nullable(), keys: z.array(z.string()), docIndex: z.number().int() })),
  meta: SopsMetaSchema,
  appId: z.string().nullable(),
  /**
   * Where the file is no one app's (appId null) because several apps' builds make copies of it (a
   * Flux `spec.components` entry's `${APP}-volsync` Secret, substituted per app): those apps.
   */
  apps: z.array(z.string()).optional(),
  disabled: z.boolean(),
  /**
   * The generators that read this file: an encrypted values file (no kind of its own) becomes the
   * Secret a `secretGenerator` makes of it. Empty when no kustomization.yaml names it.
   */
  generatedInto: z.array(GeneratorUseSchema),
});
export type SopsFile = z.output<typeof SopsFileSchema>;

/**
 * The documents of a SOPS file worth naming: a document without a kind (an encrypted values file)
 * says nothing a reader can use when a generator makes a Secret of the file; that Secret is named instead.
 */
export function namedDocuments<D extends { kind: string | null }>(f: { documents: readonly D[]; generatedInto: readonly unknown[] }): D[] {
  return f.generatedInto.length === 0 ? [...f.documents] : f.documents.filter((d) => d.kind !== null);
}

/**
 * A creation rule from `.sops.yaml`. Its keys are spelled as a file's `sops:` metadata is read
 * (SopsMetaSchema's lists, repo/sops-meta.ts), so that a file and its rule compare key by key.
 */
export const SopsRuleSchema = z.object({
  pathRegex: z.string().nullable(),
  encryptedRegex: z.string().nullable(),
  /** The rule's other choices of what to encrypt (SopsMetaSchema's names), each absent when not set. */
  encryptedSuffix: z.string().optional(),
  unencryptedRegex: z.string().optional(),
  unencryptedSuffix: z.string().optional(),
  encryptedCommentRegex: z.string().optional(),
  unencryptedCommentRegex: z.string().optional(),
  age: z.array(z.string()),
  pgp: z.array(z.string()),
  /** AWS KMS key ARNs (an `+arn:aws:iam::…` role after one is dropped: the file records the key's ARN alone). */
  kms: z.array(z.string()),
  /** GCP KMS resource ids (`projects/…/cryptoKeys/…`). */
  gcpKms: z.array(z.string()),
  /** Azure Key Vault keys, `<vault URL>/keys/<name>`. */
  azureKv: z.array(z.string()),
  /** Vault transit keys, `<address>/<engine path>/<key name>`. */
  hcVault: z.array(z.string()),
  source: SourceSchema,
});
export type SopsRule = z.output<typeof SopsRuleSchema>;
