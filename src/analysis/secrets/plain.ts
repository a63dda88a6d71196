/**
 * Unencrypted `kind: Secret` documents, told apart by what the reader kept: the reader removed
 * every literal value under data/stringData (recording where) and kept `${VAR}` placeholders,
 * which Flux fills from postBuild substitutions. So a key is "literal" when a redaction points at
 * it and "templated" otherwise; the key's name then says whether the literal is a credential.
 */
import { VALUES_MANIFEST_KEYS } from '../../model/helm-release.ts';
import { offInText } from '../../model/raw-doc.ts';
import { finding, type Finding } from '../../model/finding.ts';
import type { Redaction } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Secret } from '../../model/secrets.ts';
// The one definition of "a key that names a credential" (pure, no I/O); shared with the reader.
import { isCredentialKey, splitWords } from '../../model/credential-key.ts';
import type { PlainSecretRow, PlainSecretStatus } from './types.ts';

/** File-valued keys holding key material: `tls.key`, `ca.pem`, `keystore.p12`. */
const KEY_MATERIAL = /\.(key|pem|p12|pfx|jks|keystore|kdbx)$|(^|[-_.])(id_rsa|id_ed25519|id_ecdsa|ssh-privatekey)$/i;
/**
 * Keys that hold no credential: public certificates and keys, known hosts, and where to connect as
 * whom (`ca.crt`, `tls.crt`, `known_hosts`, `id_ed25519.pub`, `host`, `port`, `username`, `database`).
 */
const NOT_CREDENTIAL = /(^|[-_.])(ca\.(crt|cert|pem)|tls\.crt)$|\.(crt|cer|pub)$|^(ca-?bundle|known[-_]?hosts|ssh[-_]known[-_]hosts|host|hostname|server|port|user|username|user[-_]?name|email|database|db|db[-_]?name|dbname|schema|region|bucket|namespace)$/i;

/**
 * The last word of a key that names what the site is called or who runs it, however the key is
 * prefixed: home-ops' `SECRET_DOMAIN`, `SECRET_ACME_EMAIL`, `SECRET_TIMEZONE` (outside review: a
 * template's `SECRET_DOMAIN`, printed in every route's hostname, made a Secret "real", an error).
 * Not `host`, `server` or `database`: a prefixed `MQTT_SERVER` or `DB_HOST` often holds a whole
 * connection string, password included (code review). A prefixed `user` is a user name (`admin-user`,
 * `DB_USER`) beside the password it logs in with (outside review: `admin-user: admin` beside
 * `admin-password: CHANGE_ME` made a template's Secret "real").
 */
const PUBLIC_LAST_WORD = new Set(['domain', 'fqdn', 'email', 'timezone', 'tz', 'region']);
/**
 * A prefixed user name written as a configuration key (`admin-user`, `adminUser`), not an environment
 * variable: `PUSHOVER_USER` holds a user key, a credential of its own (code review).
 */
const USER_LAST_WORD = new Set(['user', 'username']);
/**
 * What an `<owner> id` key identifies, however prefixed: `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`,
 * `AZURE_SUBSCRIPTION_ID`, `AWS_ACCOUNT_ID`, `GCP_PROJECT_ID`, `clientId`. Ids that a login names, not
 * a credential (outside review: the Azure Service Operator's workload-identity Secret, ids and a
 * switch only, was a PLAIN_SECRET error, "rotate those values"), and the Ceph CSI's `userID` / `adminID`
 * (the client a `userKey` / `adminKey` logs in as: a Secret whose key was still a placeholder was an
 * error over the user name alone). Not `ACCESS_KEY_ID`, the user half
 * of a key pair, nor any other `*_ID`: an unknown key still counts as a credential.
 */
const ID_OWNER = new Set(['client', 'tenant', 'subscription', 'account', 'project', 'region', 'application', 'user', 'admin']);
const isIdentifierKey = (k: string) => {
  const w = splitWords(k);
  return w.at(-1) === 'id' && ID_OWNER.has(w.at(-2) ?? '');
};
const isPublicKey = (k: string) =>
  NOT_CREDENTIAL.test(k) ||
  (!isCredentialKey(k) && (PUBLIC_LAST_WORD.has(splitWords(k).at(-1) ?? '') || isIdentifierKey(k) || (USER_LAST_WORD.has(splitWords(k).at(-1) ?? '') && !/^[A-Z0-9_]+$/.test(k))));

/** File-valued keys holding configuration, which is often a template around `${VAR}` values. */
const CONFIG_FILE = /\.(ya?ml|json|toml|conf|cfg|ini|env|properties|xml|txt)$/i;

export function plainSecrets(model: RepoModel): { rows: PlainSecretRow[]; findings: Finding[] } {
  const rows: PlainSecretRow[] = [];
  const findings: Finding[] = [];
  const plain = model.secrets.filter((s) => !s.encrypted);
  const ksById = new Map(model.kustomizations.map((k) => [k.id, k]));
  const sopsFiles = new Set(model.sopsFiles.map((f) => f.file));
  const redactionsByFile = new Map<string, Redaction[]>();
  for (const r of model.redactions) {
    // A Secret a chart renders from its values as written (extraObjects) has its values under the entry.
    const path = r.path.replace(VALUES_MANIFEST, '');
    if ((r.reason !== 'secret-data' && r.reason !== 'secret-reference' && r.reason !== 'secret-templated' && r.reason !== 'secret-placeholder' && r.reason !== 'secret-public' && r.reason !== 'sops-encrypted') || !/^(data|stringData)\./.test(path)) continue;
    (redactionsByFile.get(r.source.file) ?? redactionsByFile.set(r.source.file, []).get(r.source.file)!).push({ ...r, path });
  }
  // Where the plain Secrets of each file (and of each document of it) start: built once, not per pair.
  const startsIn = new Map<string, number[]>();
  for (const s of plain) {
    for (const key of [s.source.file, `${s.source.file}\u0000${s.source.docIndex ?? ''}`]) (startsIn.get(key) ?? startsIn.set(key, []).get(key)!).push(s.source.line);
  }
  for (const s of plain) {
    const literal = new Set<string>();
    const references = new Set<string>();
    const placeholders = new Set<string>();
    // Literal, but public key material (an age recipient, an SSH public key, a certificate).
    const publicValues = new Set<string>();
    // `ENC[AES256_GCM,...]` in a Secret without its `sops:` block: ciphertext nothing can decrypt.
    const ciphertext = new Set<string>();
    for (const r of redactionsByFile.get(s.source.file) ?? []) {
      if (!sameDocument(r, s, startsIn)) continue;
      const key = keyOf(r.path, s.keys);
      if (key === null) continue;
      // A `${VAR}` written in text (`postgres://app:${PASS}@db`) is a template, as a value of variables alone is.
      if (r.reason === 'secret-templated') continue;
      if (r.reason === 'sops-encrypted') {
        ciphertext.add(key);
        continue;
      }
      (r.reason === 'secret-reference' ? references : r.reason === 'secret-placeholder' ? placeholders : literal).add(key);
      if (r.reason === 'secret-public') publicValues.add(key);
    }
    // A value written to be replaced (`<base64-encoded-password>`) is kept as it is, unredacted: a placeholder, not a substitution.
    for (const k of s.exampleKeys ?? []) if (!literal.has(k)) placeholders.add(k);
    const literalKeys = s.keys.filter((k) => literal.has(k));
    // (A key written empty, `""`, is neither: outside review, two empty keys were said to be ${VAR}s.)
    const empty = new Set(s.emptyKeys ?? []);
    const templatedKeys = s.keys.filter((k) => !literal.has(k) && !placeholders.has(k) && !empty.has(k) && !ciphertext.has(k));
    const ciphertextKeys = s.keys.filter((k) => ciphertext.has(k) && !literal.has(k));
    // Values written to be replaced and nothing else (`REPLACE_WITH_YOUR_AUTH_KEY`), or beside only a
    // user name, a host or a CA (`username: n8n`, `password: <base64-encoded-password>`): an example.
    const noCredential = (k: string) => isPublicKey(k) || publicValues.has(k);
    const exampleOnly = placeholders.size > 0 && s.placeholder === null && templatedKeys.length === 0 && literalKeys.every(noCredential);
    const status = exampleOnly ? 'example' : literalKeys.length === 0 && templatedKeys.length === 0 && ciphertextKeys.length > 0 ? 'ciphertext' : classify(s, literalKeys, templatedKeys, publicValues);
    const row: PlainSecretRow = {
      id: s.id,
      name: s.name,
      namespace: s.namespace,
      appId: s.appId,
      source: s.source,
      disabled: offInText(s.disabled),
      type: s.type,
      keys: s.keys,
      status,
      literalKeys,
      templatedKeys,
      ...(ciphertextKeys.length > 0 ? { ciphertextKeys } : {}),
    };
    rows.push(row);
    if (ciphertextKeys.length > 0 && !row.disabled) {
      findings.push(
        finding(
          'SOPS_CIPHERTEXT_WITHOUT_METADATA',
          'warning',
          `Secret "${row.name}" holds SOPS ciphertext (ENC[...]) under ${ciphertextKeys.join(', ')}, but the document has no sops: block: without it nothing can decrypt the value, and the kustomize-controller applies the ENC[...] text itself as the value. Encrypt the Secret's plain values again with sops, which writes the sops: block, or put back the block it lost.`,
          row.source,
          { area: 'secrets', objectId: row.id, ...(row.appId ? { appId: row.appId } : {}) },
        ),
      );
    }
    const owner = s.owner !== null ? ksById.get(s.owner) : undefined;
    const substitutesNothing = owner !== undefined && owner.postBuild.substitute.length === 0 && owner.postBuild.substituteFrom.length === 0;
    const comment = s.disabled !== 'commented' ? null : sopsFiles.has(s.source.file) ? 'sops' : 'plain';
    const f = secretFinding(row, references, substitutesNothing ? `${owner.namespace ?? 'default'}/${owner.name}` : undefined, comment);
    if (f) findings.push(f);
  }
  return { rows, findings };
}

function classify(s: Secret, literalKeys: readonly string[], templatedKeys: readonly string[], publicValues: ReadonlySet<string>): PlainSecretStatus {
  if (s.placeholder === 'service-account-token' || s.placeholder === 'example' || s.placeholder === 'empty') return s.placeholder;
  if (s.placeholder === 'substitution' || literalKeys.length === 0) return s.keys.length === 0 ? 'empty' : 'templated';
  // A value that is public key material is no credential, whatever its key is called.
  const judged = literalKeys.filter((k) => !publicValues.has(k));
  if (judged.some((k) => isCredentialKey(k) || KEY_MATERIAL.test(k))) return 'real';
  if (judged.some((k) => CONFIG_FILE.test(k))) return 'unverified';
  // Placeholders for the credentials, literals only for host, port, user name and the like.
  if (templatedKeys.length > 0) return 'templated';
  // Only a CA certificate, known hosts, a host and a user name, public keys, ids, switches and plain
  // addresses (scrub-rules.ts isPublicSetting): nothing to rotate, no finding.
  if (judged.every(isPublicKey)) return 'public';
  return 'real';
}

/** `${VAR}` placeholders, and (where a value is `op://...` or a templated config file) references. */
function placeholderWords(row: PlainSecretRow, references: ReadonlySet<string>, unsubstitutedBy?: string): string {
  const n = row.templatedKeys.length;
  const refs = row.templatedKeys.filter((k) => references.has(k)).length;
  // (The Kustomization that applies it substitutes nothing, no postBuild: Flux applies the text as
  // written, `${HETZNER_TOKEN}` for a token (outside review).)
  if (refs === 0 && unsubstitutedBy !== undefined) return `${n === 1 ? 'is' : 'are'} written as \${VAR}, but Kustomization ${unsubstitutedBy}, which applies it, substitutes no variables (no postBuild): Flux applies the text as written`;
  if (refs === 0) return `${n === 1 ? 'is a' : 'are'} \${VAR} substitution${n === 1 ? '' : 's'} filled by Flux postBuild`;
  if (refs === n) return `${n === 1 ? 'is a reference' : 'are references'} (a secret manager's \`op://\` / \`ref+\` reference, a config file whose credentials are \${VAR} placeholders, or a script's \$VAR) filled in at deploy time`;
  return `are \${VAR} substitutions or references to a secret manager, filled in at deploy time`;
}

/** What to rotate: the credentials among the literal keys (a password beside a bucket name and a flag; outside review), else all. */
export function rotated(literalKeys: readonly string[]): string {
  const credentials = literalKeys.filter((k) => isCredentialKey(k));
  return credentials.length > 0 && credentials.length < literalKeys.length ? `the credentials (${credentials.join(', ')})` : 'those values';
}

/**
 * A commented-out Secret (`disabled: 'commented'`): its text is committed as written, and sops never
 * encrypts a comment, also in a SOPS-encrypted file (`comment` 'sops'), so "encrypt it" hides nothing
 * (outside review: democratic-csi's commented-out iSCSI Secret, an API key in its config file). What
 * helps is to remove it from the file and from the git history, and to rotate what it holds.
 */
const IN_COMMENT = (comment: 'sops' | 'plain') =>
  `is commented out, but a comment is committed as written${comment === 'sops' ? ' (sops encrypts values, never comments, so this SOPS-encrypted file does not hide it)' : ''}`;

function secretFinding(row: PlainSecretRow, references: ReadonlySet<string> = new Set(), unsubstitutedBy?: string, comment: 'sops' | 'plain' | null = null): Finding | null {
  const extra = { area: 'secrets', objectId: row.id, ...(row.appId ? { appId: row.appId } : {}) };
  const keys = (ks: readonly string[]) => ks.join(', ');
  if (comment !== null && row.status === 'real') {
    return finding(
      'PLAIN_SECRET',
      'error',
      `Secret "${row.name}" ${IN_COMMENT(comment)}: its literal values under ${keys(row.literalKeys)} are in git in plain text. Remove the commented-out Secret from the file and from the git history, and rotate ${rotated(row.literalKeys)}. The values are not shown.`,
      row.source,
      extra,
    );
  }
  if (comment !== null && row.status === 'unverified') {
    return finding(
      'PLAIN_SECRET_UNVERIFIED',
      'warning',
      `Secret "${row.name}" ${IN_COMMENT(comment)}: its file contents (${keys(row.literalKeys.filter((k) => CONFIG_FILE.test(k)))}) are in git in plain text, and were redacted unread. Unless they carry only \${VAR} substitutions, remove the commented-out Secret from the file and from the git history, and rotate the credentials they hold.`,
      row.source,
      extra,
    );
  }
  switch (row.status) {
    case 'real':
      return finding(
        'PLAIN_SECRET',
        'error',
        `Secret "${row.name}" is committed unencrypted with literal values under: ${keys(row.literalKeys)}. Encrypt it with SOPS or move it to an ExternalSecret, and rotate ${rotated(row.literalKeys)}. The values are not shown.`,
        row.source,
        extra,
      );
    case 'unverified':
      return finding(
        'PLAIN_SECRET_UNVERIFIED',
        'warning',
        `Secret "${row.name}" is unencrypted and holds file contents (${keys(row.literalKeys.filter((k) => CONFIG_FILE.test(k)))}) that were redacted unread: check by hand that they only carry \${VAR} substitutions, or encrypt the file.`,
        row.source,
        extra,
      );
    case 'templated':
      if (row.disabled) return null;
      return finding(
        'PLAIN_SECRET_TEMPLATED',
        'info',
        `Secret "${row.name}" is unencrypted by design: ${keys(row.templatedKeys)} ${placeholderWords(row, references, unsubstitutedBy)}${row.literalKeys.length ? `; literal values only under ${keys(row.literalKeys)}` : ''}.`,
        row.source,
        extra,
      );
    default:
      return null;
  }
}

/** The path of a manifest a HelmRelease's chart renders from its values as written (repo/build/values-manifests.ts). */
const VALUES_MANIFEST = new RegExp(`^spec\\.values\\.(?:${VALUES_MANIFEST_KEYS.join('|')})\\.[^.]+\\.`);

/**
 * Does a redaction belong to this Secret? By document index, and where one document holds several
 * Secrets (a HelmRelease's extraObjects) or the index is unknown, by line order: the Secret that
 * starts last before the redaction's line (copies of one Secret, one per cluster, share it).
 */
function sameDocument(r: Redaction, s: Secret, startsIn: ReadonlyMap<string, readonly number[]>): boolean {
  const indexed = r.source.docIndex !== undefined && s.source.docIndex !== undefined;
  if (indexed && r.source.docIndex !== s.source.docIndex) return false;
  const starts = startsIn.get(indexed ? `${s.source.file}\u0000${s.source.docIndex}` : s.source.file) ?? [];
  if (indexed && starts.every((line) => line === s.source.line)) return true;
  let last = -1;
  for (const line of starts) if (line <= r.source.line && line > last) last = line;
  return last === s.source.line;
}

/** `stringData.mautrix-slack.yaml` -> `mautrix-slack.yaml`: keys may contain dots, so match whole keys. */
function keyOf(path: string, keys: readonly string[]): string | null {
  const rest = path.slice(path.indexOf('.') + 1);
  let best: string | null = null;
  for (const k of keys) {
    if ((rest === k || rest.startsWith(`${k}.`)) && (best === null || k.length > best.length)) best = k;
  }
  return best;
}
