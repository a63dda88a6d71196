import { z } from 'zod';
import { SourceSchema } from './source.ts';
import { obj } from './values.ts';

/**
 * How an object is switched off without being deleted: a whole document commented out inside a
 * ks.yaml, or a file renamed to `*.dis` / `*.bak`. Disabled objects are listed as such, never dropped.
 */
export const DisabledSchema = z.enum(['commented', 'file', 'unlisted']).nullable();

/**
 * Switched off in the file itself (a commented-out document, a `.disabled` file), as opposed to
 * 'unlisted' (a live document its folder's kustomization.yaml leaves out): the secrets inventory
 * counts documents as the repository's text holds them.
 */
export function offInText(disabled: 'commented' | 'file' | 'unlisted' | null): boolean {
  return disabled === 'commented' || disabled === 'file';
}

/** A key whose literal value was removed at read time because it looked like a credential. */
export const RedactionSchema = z.object({
  /** Dotted key path inside the document, e.g. `spec.values.admin.password`. */
  path: z.string(),
  /**
   * Why it was redacted: Secret data, SOPS ENC[] value, a literal credential (reported as
   * HARDCODED_CREDENTIAL), a value wiped only to be safe (`credential-like`: a credential-like key
   * whose value is a reference, a placeholder, a number, or sits in a file that is no manifest),
   * or a Secret value that is a reference to a secret manager (`secret-reference`: `op://...`), or one
   * whose credential is a Flux `${VAR}` written in text (`secret-templated`: `postgres://app:${PASS}@db`;
   * the text is wiped, the variables' names kept), or one
   * written to be replaced (`secret-placeholder`: `REPLACE_WITH_YOUR_AUTH_KEY`; wiped all the same), or
   * one that is public key material (`secret-public`: an age recipient, an SSH or PGP public key, a
   * certificate; also a switch under a flag's key or a plain address under a URL's key; wiped all the same).
   */
  reason: z.enum(['secret-data', 'sops-encrypted', 'credential-literal', 'credential-like', 'secret-reference', 'secret-templated', 'secret-placeholder', 'secret-public']),
  source: SourceSchema,
  /**
   * A literal credential that is a chart's stock default (`postgres`, `admin`, `password`): not reported
   * where it sits in a block of values nothing renders (a chart's default values.yaml with `postgres:
   * {create: false, connect: false, password: postgres}`). Says nothing else of the value.
   */
  commonDefault: z.literal(true).optional(),
  /** The value held a PEM private key (any key name, any object): HARDCODED_CREDENTIAL says so. */
  privateKey: z.literal(true).optional(),
  /**
   * A value of a Secret's `data` that is no base64 (a GUID, a password written as it is): the API server
   * refuses the Secret. SECRET_DATA_NOT_BASE64 says so. Says nothing else of the value.
   */
  notBase64: z.literal(true).optional(),
  /**
   * In a SOPS-encrypted document, a value the file's own settings leave in plain text (a key ending in
   * its `unencrypted_suffix`, one its `unencrypted_regex` matches, one outside its `encrypted_regex`
   * ...): plain by design, not a value sops missed (SOPS_VALUE_NOT_ENCRYPTED). Absent otherwise.
   */
  sopsPlain: z.literal(true).optional(),
  /**
   * The value sits in a commented-out document (`disabled: 'commented'`): text of a comment, which
   * sops never encrypts (it encrypts values only), so git holds it as written whatever the file's
   * encryption says. Absent for a live document.
   */
  inComment: z.literal(true).optional(),
});
export type Redaction = z.output<typeof RedactionSchema>;

/** The recipients and metadata kept from a `sops:` block; mac and encrypted data keys are dropped. */
export const SopsMetaSchema = z.object({
  age: z.array(z.string()),
  pgp: z.array(z.string()),
  kms: z.array(z.string()),
  gcpKms: z.array(z.string()),
  azureKv: z.array(z.string()),
  hcVault: z.array(z.string()),
  lastmodified: z.string().nullable(),
  encryptedRegex: z.string().nullable(),
  encryptedSuffix: z.string().nullable(),
  unencryptedRegex: z.string().nullable(),
  unencryptedSuffix: z.string().nullable(),
  /** sops >= 3.9: only values after a comment matching it are encrypted; absent when not set. */
  encryptedCommentRegex: z.string().optional(),
  /** sops >= 3.9: values after a comment matching it are left plain; absent when not set. */
  unencryptedCommentRegex: z.string().optional(),
  version: z.string().nullable(),
});
export type SopsMeta = z.output<typeof SopsMetaSchema>;

/**
 * One YAML document as read from disk, with secret values already wiped. Everything later in the
 * pipeline starts from these, so no later step can leak a value it never saw.
 */
const RawDocSchema = z.object({
  source: SourceSchema,
  /** The document as plain JS (JSON-compatible), secret values replaced by the REDACTED marker. */
  value: z.unknown(),
  disabled: DisabledSchema,
  /** The sops block's kept metadata, when the document carries `sops:`. */
  sops: SopsMetaSchema.nullable(),
  /** Where values were removed, with their positions (values themselves are never kept). */
  redactions: z.array(RedactionSchema),
  /** Line (1-based) of each top-level key path a later step may want to point at, e.g. `spec.dependsOn.0`. */
  lines: z.record(z.string(), z.number()),
  /**
   * In a kustomization.yaml: list entries switched off with `#` (`# - ./jellyfin/ks.yaml`), with
   * their lines. An app whose folder is commented out in its parent is not deployed, on purpose.
   */
  commentedEntries: z.array(z.object({ entry: z.string(), line: z.number().int() })).optional(),
  /**
   * Flux image automation's setter markers, by key path (`spec.template.spec.containers.0.image` ->
   * `flux-system:app`, `spec.values.image.tag` -> `flux-system:app:tag`); absent when there are none.
   */
  imagePolicies: z.record(z.string(), z.string()).optional(),
  /**
   * Image tags written as YAML floats whose text is not the number's (`tag: 1.20`, read as 1.2), by key
   * path -> the text as written (`spec.values.image.tag` -> `1.20`); absent when there are none.
   */
  floatTags: z.record(z.string(), z.string()).optional(),
});
export type RawDoc = z.output<typeof RawDocSchema>;

/** What replaces a secret value. Its text says that a value was there and was removed. */
export const REDACTED = '[redacted]';

/**
 * Whether a document's identity (apiVersion, kind, metadata.name or metadata.namespace) was SOPS
 * ciphertext, now redacted: a file encrypted whole, without encrypted_regex. Each such value has its own
 * IV, so no two documents share it, before decryption or after: such a document is no duplicate of any.
 */
export function identityRedacted(body: Record<string, unknown>): boolean {
  const meta = obj(body.metadata);
  return body.apiVersion === REDACTED || body.kind === REDACTED || meta.name === REDACTED || meta.namespace === REDACTED;
}
