/**
 * The verdict on one scalar, shared by the AST scrub (scrub.ts) and the alias pass (scrub-js.ts):
 * wipe it, replace part of it, or keep it; and whether a wiped literal is reported
 * (credential-literal -> HARDCODED_CREDENTIAL) or only wiped (credential-like).
 */
import type { Redaction } from '../model/raw-doc.ts';
import { isCredentialKey, isLiteralValue, isPlaceholderOnly, isReferenceValue, isStrictPlaceholder, looksRandom, privateKeyIn, splitWords } from '../model/credential-key.ts';
import { isHostAddress, isInClusterAddress, isPlaceholderValue, isReportableCredential } from './credential-judge.ts';
import { redactInline } from './redact-inline.ts';
import { REDACTED_PART, isReferenceText } from './redact-url.ts';

export type Verdict = { reason: Redaction['reason']; text: string | null } | null;

export interface ScalarContext {
  file: string;
  reportableDoc: boolean;
  /** Keys that name a key of another object, not a value (`secretKey` of an ExternalSecret). */
  referenceKeys: ReadonlySet<string>;
  key: string | null;
  siblings: readonly string[];
  parentKey: string | null;
  /** `!env_var X`, `!secret x`: an application-level reference by tag. */
  customTag: boolean;
  /** Dotted path of the scalar in its document. */
  path: string;
  /** What an endpoint-like sibling key holds (credential-judge.ts endpointOf), where one does. */
  endpoint?: string | null;
}

/**
 * References as a Secret's value: a secret manager's (`op://vault/item/field`, `ref+vault://...`,
 * `<path:...>`), or only template expressions of another tool, with a dotted name or in double braces
 * (`${secrets.CLOUDFLARE_APIKEY}`, `${{ secrets.TOKEN }}`), or a shell variable alone (`$TOKEN_B64`, for
 * a script's envsubst; no base64 either), which no one types as a credential.
 */
const SECRET_REFERENCE = /^\s*(?:op:\/\/[^\n]+|ref\+[a-z0-9]+:\/\/[^\s]+|<path:[^>\n]+>|(?:\$\{\{?\s*[A-Za-z_][\w.-]*\s*\}\}?\s*)+|\$[A-Za-z_]\w*)\s*$/;

/** A value under a Secret's data / stringData (or a SealedSecret's encryptedData), under `key` where it has one. */
export function secretVerdict(value: unknown, key: string | null = null): Verdict {
  if (typeof value === 'string') {
    // `${VAR}` placeholders are Flux substitutions the inventory reports as templated; an empty
    // value holds nothing (and SOPS leaves it as it is); `<base64-encoded-password>` waits for one.
    if (isPlaceholderOnly(value) || value.trim() === '' || isStrictPlaceholder(value)) return null;
    if (value.startsWith('ENC[')) return { reason: 'sops-encrypted', text: null };
    if (SECRET_REFERENCE.test(value) || isTemplatedFile(value)) return { reason: 'secret-reference', text: null };
    // A one-line value whose credential is a `${VAR}` (`postgres://app:${DB_PASSWORD}@db/app`): a
    // template Flux fills in, like a value that is only variables. Wiped but for the variables' names.
    if (credentialTemplated(value)) return { reason: 'secret-templated', text: substitutionSkeleton(value) };
    // `REPLACE_WITH_YOUR_TAILSCALE_AUTH_KEY`, `your-token-here` (also base64-encoded under data:):
    // wiped like any value, but no literal to rotate.
    const decoded = base64Text(value);
    if (isSecretPlaceholder(value) || (decoded !== '' && isSecretPlaceholder(decoded))) return { reason: 'secret-placeholder', text: null };
    // An age recipient, an SSH or PGP public key, a certificate: public by design (under a key named
    // like a private one too: `age.agekey` holding the recipient). Wiped all the same.
    if (isPublicKeyMaterial(value) || isPublicKeyMaterial(base64Text(value, 65_536, true))) return { reason: 'secret-public', text: null };
    if (key !== null && (isPublicSetting(key, value) || isPublicSetting(key, base64Text(value)))) return { reason: 'secret-public', text: null };
  }
  return { reason: 'secret-data', text: typeof value === 'string' ? substitutionSkeleton(value) : null };
}

/** Keys of a switch: `USE_WORKLOAD_IDENTITY_AUTH`, `enableMetrics`, `DISABLE_SIGNUP`. */
const FLAG_FIRST_WORD = new Set(['use', 'enable', 'enabled', 'disable', 'disabled']);
const SWITCH_VALUE = /^(?:true|false|yes|no|on|off|1|0)$/i;
/** Keys of an address: `API_URL`, `tokenEndpoint`, `AZURE_AUTHORITY_HOST_URI`, a Flux Provider Secret's `address`. */
const ADDRESS_LAST_WORD = new Set(['url', 'uri', 'endpoint', 'address']);

/**
 * A Secret value that is no credential by its key and its value together: a switch under a flag's
 * key (`USE_WORKLOAD_IDENTITY_AUTH: "true"`), or an address without user info or query, whose path
 * is empty or version-like, under an address's key (`API_URL: https://api.example.org/v1`), or plain
 * http to a Service in the cluster with a path of words (a Flux Provider's `address:
 * http://alertmanager.monitoring.svc:9093/api/v2/alerts`; outside review: a PLAIN_SECRET error).
 * Never under a key that names a credential (`WEBHOOK_URL`, `USE_TOKEN`). The inventory counts a
 * Secret of such settings and identifiers as holding no credential (outside review: the Azure
 * Service Operator's workload-identity Secret was a PLAIN_SECRET error, "rotate those values").
 */
export function isPublicSetting(key: string, value: string): boolean {
  const v = value.trim();
  if (v === '' || isCredentialKey(key)) return false;
  const words = splitWords(key);
  if (FLAG_FIRST_WORD.has(words[0] ?? '')) return SWITCH_VALUE.test(v);
  return ADDRESS_LAST_WORD.has(words.at(-1) ?? '') && (isHostAddress(v) || isInClusterAddress(v));
}

/** `user:password@` of a URL; `password=...`, `token: ...` of a connection string or a header. */
const URL_USERINFO = /[a-z][a-z0-9+.-]*:\/\/([^/@\s]*)@/gi;
const CREDENTIAL_PAIR = /(?:^|[\s;&?,])[\w.-]*(?:pass(?:word)?|passwd|pwd|secret|token|api[-_]?key|auth)\s*[=:]\s*([^\s;&,]+)/gi;

/**
 * A one-line value that mixes text and Flux variables, where every credential the text could hold is
 * a variable: no literal password in a URL's user info or after `password=` / `token:`, and no long
 * word left once the variables are taken out (a key or token written beside them). Multi-line values
 * are config files, judged by isTemplatedFile.
 */
function credentialTemplated(value: string): boolean {
  if (!value.includes('${') || value.includes('\n') || substitutionSkeleton(value) === null) return false;
  // A default is text written into the value (`${TOKEN:=...}`): a literal like any other.
  for (const m of value.matchAll(FLUX_VARIABLE)) if (m[2] && m[0].length > m[1]!.length + m[2].length + 3) return false;
  for (const m of value.matchAll(URL_USERINFO)) {
    const colon = m[1]!.indexOf(':');
    const password = colon < 0 ? '' : m[1]!.slice(colon + 1);
    if (password !== '' && !password.includes('${')) return false;
  }
  for (const m of value.matchAll(CREDENTIAL_PAIR)) if (!m[1]!.includes('${')) return false;
  const rest = value.replace(FLUX_VARIABLE, ' ');
  return !rest.split(/[^A-Za-z0-9+/=_-]+/).some((word) => word.length >= 16);
}

/** A Flux postBuild variable as written: `${NAME}`, `${NAME:=default}`, `${NAME:-default}` (not `$${...}`, an escape). */
const FLUX_VARIABLE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=])[^}]*)?\}/g;

/**
 * A Secret value that mixes text and `${VAR}` substitutions (`${S3_URL}/${S3_PREFIX}-${APP}/repo`):
 * the variables, each default and every piece of text between them wiped. Flux still substitutes the
 * variables, so the model must see their names (an undefined one is SUBSTITUTION_UNRESOLVED), and
 * nothing of what was written around them; null when the value holds no variable.
 */
function substitutionSkeleton(value: string): string | null {
  if (!value.includes('${')) return null;
  const parts: string[] = [];
  let last = 0;
  for (const m of value.matchAll(FLUX_VARIABLE)) {
    if (m.index > last) parts.push(REDACTED_PART);
    parts.push(m[2] ? `\${${m[1]}${m[2]}${REDACTED_PART}}` : `\${${m[1]}}`);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return null;
  if (last < value.length) parts.push(REDACTED_PART);
  return parts.join('');
}

/**
 * A configuration file kept in a Secret (`config.yaml: |`) whose credential lines are all `${VAR}`
 * placeholders (`as_token: ${SECRET_AS_TOKEN}`) and that carries no key block: a template Flux
 * fills in, like a `${VAR}` value. Still wiped; recorded as a reference so the inventory can say so.
 */
function isTemplatedFile(value: string): boolean {
  if (!value.includes('\n') || !value.includes('${') || value.includes('-----BEGIN')) return false;
  let templated = 0;
  for (const m of value.matchAll(/^[ \t-]*["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?[ \t]*[:=][ \t]*(.*)$/gm)) {
    const key = m[1] as string;
    // Any `*_key` too (`server_key`, `pickle_key`): key material goes by many names in config files.
    if (!isCredentialKey(key) && !/(^|[-_.])(key|keys|cert|certificate)$/i.test(key) && !/[a-z]Key$/.test(key)) continue;
    const v = (m[2] as string).replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');
    if (v === '' || /^[|>][-+]?$/.test(v)) return false;
    if (/^(true|false|null|~|-?\d+)$/i.test(v)) continue;
    if (!isPlaceholderOnly(v)) return false;
    templated++;
  }
  return templated > 0;
}

/** `SONARR_API_KEY`-style names of environment variables that end in `_KEY`. */
export const ENV_KEY = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_KEY$/;

/** A value anywhere else. */
export function normalVerdict(value: unknown, ctx: ScalarContext): Verdict {
  if (typeof value === 'string' && value.startsWith('ENC[')) return { reason: 'sops-encrypted', text: null };
  const key = ctx.key;
  // kubectl's copy of the whole object as last applied, as JSON: a committed `kubectl get secret -o
  // yaml` keeps every Secret value there. Nothing reads it; it is wiped whatever it holds.
  if (key === LAST_APPLIED && value !== null && value !== undefined) return { reason: 'secret-data', text: null };
  // app-template's `envFrom: [{secret: NAME}]` (and `configMap:`) names the Secret to read, not a value
  // (outside review: its pages said "Secret [redacted], not defined", the Secret used by nothing).
  // (Not a random-looking value, which is a token whatever its key; code review.)
  // So does a Traefik Middleware's `basicAuth: {secret: NAME}` (and digestAuth): the Secret of its users
  // (outside review: the Secret was used by nothing, its name wiped).
  if (key === 'secret' && typeof value === 'string' && (ENV_FROM_NAME.test(ctx.path) || AUTH_SECRET_NAME.test(ctx.path)) && OBJECT_NAME_TEXT.test(value) && !looksRandom(value)) return null;
  // A PEM private key is a credential under any key, in any object (a ConfigMap's `01-deploy-key`, a
  // chart's `sshKey` value; outside review: such a key was kept in the model, and not reported).
  // Wiped whole; reported where in the clear (a passphrase-protected one is wiped, not reported).
  // (Not one under an `example` or `sample` key: a chart's documentation of the shape it takes. Test
  // data and a chart's own files no Flux build applies are judged where the builds are known: model.ts.)
  const pem = typeof value === 'string' ? privateKeyIn(value) : null;
  if (pem !== null) return { reason: pem === 'plain' && ctx.reportableDoc && !/(^|\.)(examples?|samples?)(\.|$)/i.test(ctx.path) ? 'credential-literal' : 'credential-like', text: null };
  if (key !== null && !ctx.referenceKeys.has(key) && !ctx.customTag && isCredentialKey(key)) {
    if (typeof value === 'number' || typeof value === 'bigint') return { reason: 'credential-like', text: null };
    if (isLiteralValue(value) && !isReferenceValue(key, value)) {
      const report = isReportableCredential(value, { file: ctx.file, reportableDoc: ctx.reportableDoc, key, siblings: ctx.siblings, parentKey: ctx.parentKey, endpoint: ctx.endpoint ?? null });
      return { reason: report ? 'credential-literal' : 'credential-like', text: null };
    }
  }
  if (typeof value !== 'string') return null;
  // An environment variable named `*_KEY` whose qualifier says nothing (`HOMEPAGE_VAR_SONARR_KEY`):
  // a credential when its value looks random (a key, not `ssh-ed25519` or a name).
  if (key !== null && !ctx.referenceKeys.has(key) && ENV_KEY.test(key) && looksRandom(value) && !/\s/.test(value.trim())) {
    const report = isReportableCredential(value, { file: ctx.file, reportableDoc: ctx.reportableDoc, key, siblings: ctx.siblings, parentKey: ctx.parentKey, endpoint: ctx.endpoint ?? null });
    return { reason: report ? 'credential-literal' : 'credential-like', text: null };
  }
  if (/^secretGenerator\.\d+\.literals\.\d+$/.test(ctx.path)) return generatorLiteral(value, ctx);
  // A generator's `files:` entry is a path (`password=db-password.txt`: the data key, then the file
  // kustomize reads), never a value: wiped, it hid which file the Secret is made of (generator-inputs.ts).
  if (GENERATOR_FILE_ENTRY.test(ctx.path) && FILE_ENTRY.test(value)) return null;
  const inline = redactInline(value);
  if (!inline.changed) return null;
  return { reason: inline.report && ctx.reportableDoc ? 'credential-literal' : 'credential-like', text: inline.text };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const GENERATOR_FILE_ENTRY = /^(?:secret|configMap)Generator\.\d+\.files\.\d+$/;
/** `[key=]path`: a data key, and a relative path without spaces. */
const FILE_ENTRY = /^(?:[-._a-zA-Z0-9]+=)?[^\s=]+$/;
/**
 * A Traefik Middleware's `spec.basicAuth.secret` / `spec.digestAuth.secret`, at that place of the object
 * only: under a chart's values (`spec.values.ingress.basicAuth.secret`) it may be the password itself
 * (code review), and is wiped as before.
 */
const AUTH_SECRET_NAME = /^spec\.(?:basicAuth|digestAuth)\.secret$/;
/** An `envFrom` list entry's `secret:` key, anywhere in a document. */
const ENV_FROM_NAME = /(?:^|\.)envFrom\.\d+\.secret$/;
/** A Secret's name as Kubernetes takes it (DNS-1123 subdomain), or one a variable or template fills in. */
const OBJECT_NAME_TEXT = /^(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?|[-a-z0-9.]*(?:\$\{[^}:/@]+\}|\{\{[^}:/@]+\}\})[-a-z0-9.]*(?:(?:\$\{[^}:/@]+\}|\{\{[^}:/@]+\}\})[-a-z0-9.]*)*)$/;

/** kustomize `secretGenerator.literals: [KEY=value]`: the value becomes Secret data. */
function generatorLiteral(value: string, ctx: ScalarContext): Verdict {
  const eq = value.indexOf('=');
  const name = eq === -1 ? '' : value.slice(0, eq).trim();
  const v = eq === -1 ? value : value.slice(eq + 1);
  if (!isGeneratorValue(v)) return null;
  const report = isGeneratorCredential(name, v, ctx.file, ctx.reportableDoc);
  return { reason: report ? 'credential-literal' : 'secret-data', text: eq === -1 ? null : `${value.slice(0, eq)}=${REDACTED_PART}` };
}

/** A generator's value that holds something: not empty, not only `${VAR}`s, not a reference (`op://…`, `$(VAR)`). */
function isGeneratorValue(v: string): boolean {
  return !(v.trim() === '' || isPlaceholderOnly(v) || isReferenceText(v));
}

/**
 * Whether a value a kustomize generator puts under `name` is a credential to report: a literal's
 * (`literals: [API_TOKEN=…]`) and a plain input file's alike (an `envs:` file's `API_TOKEN=…` line,
 * a one-line `files:` input; repo/generator-inputs.ts). A key that names a credential, and a value
 * the credential judge reports (no placeholder, reference, switch or hash).
 */
export function isGeneratorCredential(name: string, v: string, file: string, reportableDoc: boolean): boolean {
  return isGeneratorValue(v) && name !== '' && isCredentialKey(name) && isReportableCredential(v, { file, reportableDoc, key: name, siblings: [], parentKey: null });
}

/** `args: [--password, hunter2]`: is this sequence item a flag whose value is the next item? */
export function isCredentialFlag(value: unknown): boolean {
  if (typeof value !== 'string' || !/^--?[A-Za-z][A-Za-z0-9_-]*$/.test(value)) return false;
  const name = value.replace(/^-+/, '');
  return isCredentialKey(name) && splitWords(name).length > 0;
}

/**
 * A Secret value written to be replaced: a placeholder shape (credential-judge.ts) made of words
 * only (`REPLACE_WITH_YOUR_AUTH_KEY`, `your-token-here`, `changeme`) or `<...>`. A digit or another
 * sign makes it a value someone chose (`changemeNow-7Hq2Lx`, `example-9f8Kq2Lm`): not a placeholder.
 */
function isSecretPlaceholder(value: string): boolean {
  const v = value.trim();
  if (isDummyValue(v)) return true;
  // The placeholder inside a shape: PEM armour around it (`-----BEGIN PRIVATE KEY-----`, `CHANGE_ME`,
  // `-----END PRIVATE KEY-----`), or an htpasswd line's hash (`admin:BCRYPT_HASH_HERE`): a template's
  // Secret, nothing to rotate (outside review: three `*.template.yaml` Secrets called real, errors).
  const armoured = pemBody(v);
  if (armoured !== null) return armoured.trim() !== '' && isSecretPlaceholder(armoured);
  const htpasswd = HTPASSWD_LINE.exec(v);
  if (htpasswd) return isSecretPlaceholder(htpasswd[1]!);
  // (A number among the words is no random value: `your-74-character-random-hash-salt`, outside review.)
  return isPlaceholderValue(v) && v !== '' && (/^<[^<>]*>$/.test(v) || /^[A-Za-z_ .*-]+$/.test(v) || /^your(?:[-_ ](?:[a-z]+|\d+)){1,12}$/i.test(v));
}

/** The first line of a PEM block: its label. */
const PEM_HEADER = /^-----BEGIN ([A-Z0-9 ]{1,40})-----[ \t]*\r?\n/;

/**
 * What lies between the armour lines of a value that is one PEM block and nothing else, or null. Read
 * without a backtracking pattern over the body (code review: one that split the blank lines three ways
 * took minutes on a 12 kB value of newlines).
 */
function pemBody(v: string): string | null {
  const head = PEM_HEADER.exec(v);
  if (!head) return null;
  const end = `-----END ${head[1]}-----`;
  if (!v.endsWith(end)) return null;
  const body = v.slice(head[0].length, v.length - end.length);
  return body.includes('-----BEGIN ') || body.includes('-----END ') ? null : body;
}
/** `user:hash`, one line, as htpasswd writes it. */
const HTPASSWD_LINE = /^[\w.@-]{1,64}:(\S[^\n]*)$/;

/**
 * Names reserved for examples (RFC 2606, RFC 6761): a domain, a host, an address or a URL there holds
 * nothing to keep secret (a test Secret's `SECRET_DOMAIN: test.example.com`). Not with a password in
 * the URL's user info.
 */
const EXAMPLE_NAME = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^\s@/:]+@)?(?:[a-z0-9-]+\.)*(?:example\.(?:com|net|org)|example|test|invalid|localhost)(?::\d{1,5})?(?:\/[^\s]*)?$/i;
/** age's secret key: `AGE-SECRET-KEY-1` and 58 characters of bech32's alphabet. */
const AGE_SECRET_KEY = /^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/;

/**
 * Made-up values of a test or example Secret: an example name, or age secret keys none of which has
 * the shape of one (`AGE-SECRET-KEY-1234567890`, flux-local's test data). Nothing to rotate.
 */
function isDummyValue(v: string): boolean {
  if (v === '') return false;
  if (EXAMPLE_NAME.test(v)) return true;
  const keys = v.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return keys.length > 0 && keys.every((l) => l.startsWith('AGE-SECRET-KEY-') && !AGE_SECRET_KEY.test(l));
}

/** The text a base64 value of a Secret's `data:` holds, or '' where it is no base64 of printable text. */
function base64Text(value: string, max = 512, lines = false): string {
  const v = lines ? value.replace(/\s+/g, '') : value.trim();
  if (v.length < 8 || v.length > max || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return '';
  const text = Buffer.from(v, 'base64').toString('utf8');
  return (lines ? /^[\x20-\x7e\r\n\t]+$/ : /^[\x20-\x7e]+$/).test(text) ? text : '';
}

/** An age X25519 recipient (bech32: `age1` and 58 characters of its alphabet). */
const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;
/** One OpenSSH public key line: type, base64 key, an optional comment. */
const SSH_PUBLIC_KEY = /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) AAAA[A-Za-z0-9+/]+={0,3}(?: [^\n]*)?$/;
/** PEM and armored blocks of public material only. */
const PUBLIC_BLOCK = /-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK)-----[\s\S]*?-----END \1-----/g;

/**
 * A value that is only public key material: an age recipient, OpenSSH public keys (one a line), or
 * certificate and public key blocks. Anything else beside them (a private key block) and it is not.
 */
export function isPublicKeyMaterial(value: string): boolean {
  const v = value.trim();
  if (v === '' || /PRIVATE/.test(v)) return false;
  if (AGE_RECIPIENT.test(v)) return true;
  if (v.startsWith('-----BEGIN ')) return v.replace(PUBLIC_BLOCK, '').trim() === '';
  const lines = v.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 && lines.every((l) => SSH_PUBLIC_KEY.test(l));
}
