/**
 * The secrets inventory: what secrets exist, where they come from, which app uses them, when they
 * were last rotated and which ones are in the wrong place. Everything here is a name, a key, a
 * reference or encryption metadata: the model never held a value, so neither can this.
 */
import type { GeneratorUse } from '../../model/secrets.ts';
import type { Source } from '../../model/source.ts';

/** Who can decrypt a SOPS file. Public keys and key ids only. */
export interface Recipient {
  type: 'age' | 'pgp' | 'kms' | 'gcp-kms' | 'azure-kv' | 'hc-vault';
  /** As written in the file or the creation rule. */
  id: string;
  /** Shortened for tables: `age1styn76…hjq`, the pgp long key id, the kms ARN as is. */
  short: string;
  /** From `sops.recipients` in atlas.config.yaml, when given. */
  name: string | null;
}

/** The `.sops.yaml` creation rule that applies to a file (SOPS takes the first match). */
export interface RuleRef {
  /** 0-based position in `creation_rules`. */
  index: number;
  pathRegex: string | null;
  source: Source;
}

/** What every object row of the inventory starts with (ExternalSecrets, SealedSecrets, synced and plain Secrets). */
interface ObjectRow {
  id: string;
  name: string;
  namespace: string | null;
  appId: string | null;
  source: Source;
  disabled: boolean;
  /** Not switched off in its text, but Flux does not apply it (its app is not deployed, no build reaches it): absent otherwise. */
  notDeployed?: true;
}

export interface SopsFileRow {
  file: string;
  source: Source;
  appId: string | null;
  /** Where its objects are in several apps (a shared base of two clusters): those apps, and appId null. */
  apps?: string[];
  disabled: boolean;
  /** Not switched off in its text, but Flux applies none of its documents: absent otherwise. */
  notDeployed?: true;
  /** The objects inside: kind, name and key names (never values). */
  documents: { kind: string | null; name: string | null; namespace: string | null; keys: string[] }[];
  /** What kustomize generators make of the file (a values file becomes a key of a generated Secret). */
  generatedInto: GeneratorUse[];
  recipients: Recipient[];
  /** `sops.lastmodified`: when the file was last encrypted (its contents last changed). */
  lastmodified: string | null;
  /** Last commit that touched the file, when the caller passed git history. */
  gitChanged: string | null;
  encryptedRegex: string | null;
  encryptedSuffix: string | null;
  unencryptedRegex: string | null;
  unencryptedSuffix: string | null;
  /** sops >= 3.9's comment-chosen encryption; absent when not set. */
  encryptedCommentRegex?: string;
  unencryptedCommentRegex?: string;
  version: string | null;
  /** The creation rule whose path matches the file (it governs `sops updatekeys` and new files). */
  rule: RuleRef | null;
  /**
   * Another rule of the same `.sops.yaml` whose recipients and encryption setting the file has exactly,
   * where the governing rule's differ: the rule it was made under, whose path_regex its path does not
   * match (missing and extra recipients are then empty). Absent otherwise.
   */
  madeUnder?: RuleRef;
  /** Declared by the matching rule but absent from the file (`sops updatekeys` fixes it). */
  missingRecipients: Recipient[];
  /** In the file but no longer in the matching rule: keys that were meant to lose access. */
  extraRecipients: Recipient[];
  /** Key paths under data/stringData left in plain text inside this encrypted file. */
  plainValuePaths: string[];
}

/** A file a creation rule says must be encrypted, which is not. */
export interface NotEncryptedRow {
  file: string;
  source: Source;
  rule: RuleRef;
  /** Why it is expected to be encrypted: its name says `.sops.`, or it holds a Secret with real values. */
  reason: 'sops-file-name' | 'secret-with-values';
}

export interface ExternalSecretRow extends ObjectRow {
  /** Every store it reads (spec.secretStoreRef, then those its entries name), and whether the repo defines each where it is deployed. */
  stores: { kind: string; name: string; found: boolean }[];
  /** Every store it reads is defined, and no entry lacks one (see ExternalSecret.storeRefMissing). */
  storeFound: boolean;
  /** As shown: the value written, or `1h (default)` when missing. */
  refreshInterval: string;
  /** Whether refreshInterval is written in the manifest. */
  refreshIntervalSet: boolean;
  refreshPolicy: string | null;
  target: string;
  /** References into the store (names, not values). */
  data: { secretKey: string; remoteKey: string | null; property: string | null }[];
  dataFrom: { extract: string | null; find: string | null }[];
  /** Key names of the Secret it writes (ExternalSecret.keys); never a template's value. */
  keys: string[];
  /** Where the Secret gets keys the repository cannot name (ExternalSecret.unnamedKeysFrom). */
  unnamedKeysFrom: ('dataFrom' | 'templateFrom')[];
}

/**
 * A ClusterExternalSecret: the ExternalSecret it makes (its spec read as an ExternalSecret's) and the
 * namespaces it makes it in, as far as the repository tells.
 */
export interface ClusterExternalSecretRow extends ExternalSecretRow {
  /** The name of the ExternalSecret it makes in each namespace. */
  externalSecretName: string;
  /** The namespaces it is known to pick: named in `spec.namespaces`, or the repository's Namespaces a selector matches. */
  namespaces: string[];
  /** An empty namespace selector: every namespace. */
  everyNamespace: boolean;
  /** A selector may pick namespaces whose labels the repository does not hold: "the namespaces its selector picks". */
  bySelector: boolean;
  /** Its namespace selectors as written, one text each (`pull=true`, `env In (prod,stage)`). */
  selectors: string[];
}

/** A PushSecret: the Secret of its namespace it reads, and the stores it writes it to. */
export interface PushSecretRow extends ObjectRow {
  /** The stores it names, and whether the repository defines each where it is deployed. */
  stores: { kind: string; name: string; found: boolean }[];
  /** Entries that pick stores by label selector: not judged. */
  storeSelectors: number;
  /** It names a store, and every store it names is defined. */
  storeFound: boolean;
  /** The Secret it pushes (null: a generator makes the value). */
  secret: string | null;
  /** What it pushes: a key of the Secret (null: all of it) to a remote key and property (names, not values). */
  data: { secretKey: string | null; remoteKey: string | null; property: string | null }[];
  /** As shown: the value written, or `1h (default)`. */
  refreshInterval: string;
  updatePolicy: string | null;
  deletionPolicy: string | null;
}

export interface SecretStoreRow {
  id: string;
  kind: string;
  name: string;
  namespace: string | null;
  provider: string | null;
  appId: string | null;
  source: Source;
  disabled: boolean;
  notDeployed?: true;
  /** Ids of the ExternalSecrets, ClusterExternalSecrets and PushSecrets that reference this store. */
  usedBy: string[];
}

/** A Bitnami SealedSecret: the Secret of its name that the controller makes, and who may unseal it. */
export interface SealedSecretRow extends ObjectRow {
  /** Key names (encryptedData, then template data); never a value. */
  keys: string[];
  scope: 'strict' | 'namespace-wide' | 'cluster-wide';
  secretType: string | null;
}

/**
 * A Secret another operator syncs from an outside store (1Password, Vault, the Secrets Store CSI
 * driver, Infisical, Bitwarden, Doppler): which Secrets it makes, and from where.
 */
export interface SyncedSecretRow extends ObjectRow {
  kind: string;
  operator: string;
  /** The item path, `mount/path`, CSI provider or project, as written. */
  from: string | null;
  /** The Secrets it makes, with the key names it declares. */
  makes: { name: string; namespace: string | null; keys: string[] }[];
}

/**
 * How an unencrypted Secret's values were judged, from what the reader kept (key names, which
 * keys held only `${VAR}` placeholders, which were redacted):
 * - `real`: literal values under credential-like keys, or only literal values: a leak;
 * - `unverified`: file-like keys (`config.yaml`) whose redacted contents may be templates;
 * - `templated`: `${VAR}` placeholders, with literal values only under non-credential keys;
 * - `ciphertext`: only SOPS `ENC[...]` values without the document's `sops:` block, which nothing decrypts;
 * - `service-account-token`, `example`, `empty`: placeholders, not findings.
 */
export type PlainSecretStatus = 'real' | 'unverified' | 'templated' | 'public' | 'ciphertext' | 'service-account-token' | 'example' | 'empty';

export interface PlainSecretRow extends ObjectRow {
  type: string | null;
  keys: string[];
  status: PlainSecretStatus;
  /** Keys whose literal value was redacted at read time. */
  literalKeys: string[];
  /** Keys holding only `${VAR}` placeholders. */
  templatedKeys: string[];
  /** Keys holding SOPS ciphertext (`ENC[...]`) though the document has no `sops:` block; absent when none. */
  ciphertextKeys?: string[];
}

export interface HardcodedCredentialRow {
  /** Dotted key path inside the document, e.g. `spec.values.adminPassword`. */
  path: string;
  source: Source;
  objectId: string | null;
  kind: string | null;
  name: string | null;
  appId: string | null;
}

export interface RotationRow {
  file: string;
  appId: string | null;
  lastmodified: string | null;
  gitChanged: string | null;
  /** The date the table sorts by: lastmodified, else the git date. */
  since: string | null;
}

interface SecretsSummary {
  /** Files with a `sops:` block (not `*.dis`). */
  sopsFiles: number;
  /** Documents with a `sops:` block: corpus-meta's sops_encrypted_docs. */
  sopsDocuments: number;
  /** ExternalSecret documents in YAML files (not commented out, not `*.dis`). */
  externalSecrets: number;
  /**
   * ExternalSecret objects the builds make of those documents (the rows of the list): more than the
   * documents where a component's ExternalSecret is applied once per app.
   */
  externalSecretObjects: number;
  externalSecretsWithRefreshInterval: number;
  externalSecretsWithoutRefreshInterval: number;
  /** ClusterExternalSecret and PushSecret documents, counted as ExternalSecrets are. */
  clusterExternalSecrets: number;
  pushSecrets: number;
  secretStores: number;
  /** SealedSecret documents in YAML files (not commented out, not `*.dis`, not archived). */
  sealedSecrets: number;
  /** OnePasswordItem, VaultStaticSecret, SecretProviderClass ... documents, counted the same way. */
  syncedSecrets: number;
  /** `kind: Secret` documents without `sops:` in YAML files: corpus-meta's secrets_plain_unencrypted. */
  plainSecrets: number;
  plainSecretsByStatus: Record<PlainSecretStatus, number>;
  hardcodedCredentials: number;
  sopsNotEncrypted: number;
  sopsMissingRecipients: number;
}

export interface SecretsInventory {
  summary: SecretsSummary;
  sopsRules: (RuleRef & { encryptedRegex: string | null; recipients: Recipient[] })[];
  sopsFiles: SopsFileRow[];
  notEncrypted: NotEncryptedRow[];
  externalSecrets: ExternalSecretRow[];
  clusterExternalSecrets: ClusterExternalSecretRow[];
  pushSecrets: PushSecretRow[];
  secretStores: SecretStoreRow[];
  sealedSecrets: SealedSecretRow[];
  syncedSecrets: SyncedSecretRow[];
  plainSecrets: PlainSecretRow[];
  hardcodedCredentials: HardcodedCredentialRow[];
  /** SOPS files, oldest first. */
  rotation: RotationRow[];
  /** Hand-written Markdown about SOPS or secrets (paths), e.g. `docs/sops/README.md`. */
  recoveryDocs: string[];
}
