import { isIngressSecretAnnotation } from './ingress-secret-annotations.ts';
/**
 * Does a key name a credential whose literal value must not reach the site? Keys are split into
 * words first (`adminPassword`, `POSTGRES_PASSWORD`, `api-key`, `s3SecretKey`), then judged by
 * their last words, because the last word says what the value is: `password` is a password,
 * `passwordSecretName` is the name of a Secret.
 *
 * References are not credentials: `existingSecret: my-secret`, `passwordSecretKey: password`
 * (the key inside a Secret), `tokenSecretRef`, `secretKeyRef`. They are kept, since names and
 * references are what the secrets inventory is made of.
 */

/** Split camelCase, PascalCase, snake_case, kebab-case and dotted keys into lower-case words. */
export function splitWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** Words that on their own, last in a key, name a credential. */
const CREDENTIAL_LAST = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'privatekey',
  'accesskey', 'secretkey', 'credential', 'credentials', 'bearer', 'webhook', 'webhookurl',
  'authkey', 'pw',
  // Run together: Redis `requirepass` / `masterauth`, libpq's `PGPASSWORD`, `rootpass`, `adminpass`.
  'requirepass', 'masterauth', 'pgpassword', 'rootpass', 'adminpass', 'rootpassword', 'adminpassword', 'dbpassword',
]);

/** `<word> key` pairs that name a credential (`apiKey`, `accessKey`, `encryption_key`). */
const KEY_QUALIFIERS = new Set([
  'api', 'private', 'access', 'secret', 'encryption', 'signing', 'master', 'license', 'hmac', 'session', 'shared', 'auth',
  // WireGuard's preshared key.
  'preshared', 'psk',
  // Homepage's widget annotations: `gethomepage.dev/widget.key` is the service's API key.
  'widget',
  // Artifactory's `joinKey` (beside its `masterKey`): the secret its nodes join the cluster with.
  'join',
]);

/** Words which, before a trailing `secret` / `secret key`, make the key a reference to a Secret. */
const CREDENTIAL_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'pw', 'passphrase', 'token', 'apikey', 'api', 'credential', 'credentials', 'key', 'keys', 'auth', 'authkey',
]);

/** Keys repeat across thousands of documents (`name`, `image`, `tag`): judge each key once. */
const judged = new Map<string, boolean>();

export function isCredentialKey(key: string): boolean {
  let verdict = judged.get(key);
  if (verdict === undefined) {
    verdict = judgeKey(key);
    if (judged.size > 50_000) judged.clear();
    judged.set(key, verdict);
  }
  return verdict;
}

function judgeKey(key: string): boolean {
  const w = splitWords(key);
  const n = w.length;
  if (n === 0) return false;
  const last = w[n - 1] as string;
  const prev = n >= 2 ? (w[n - 2] as string) : '';
  let credential =
    CREDENTIAL_LAST.has(last) ||
    (last === 'key' && KEY_QUALIFIERS.has(prev)) ||
    (last === 'url' && prev === 'webhook') ||
    // Rails' SECRET_KEY_BASE; Plex's PLEX_CLAIM token (a bare `claim` is a PVC's name).
    (last === 'base' && prev === 'key' && w[n - 3] === 'secret') ||
    (last === 'claim' && prev === 'plex');
  if (!credential) return false;
  // existingSecret, existingSecretPassword: the name of a Secret that holds the value.
  if (w[0] === 'existing') return false;
  // passwordSecret, tokenSecretKey, apiKeySecret: which Secret (or which key in it) holds the value.
  const secretAt = last === 'secret' ? n - 1 : last === 'key' && prev === 'secret' ? n - 2 : -1;
  if (secretAt > 0 && w.slice(0, secretAt).some((x) => CREDENTIAL_WORDS.has(x))) credential = false;
  return credential;
}

/** A value that is only `${VAR}` substitutions (no defaults) and whitespace: a reference, not a value. */
const PLACEHOLDERS_ONLY = /^\s*(\$\{[A-Za-z_][A-Za-z0-9_]*\}\s*)+$/;

export function isPlaceholderOnly(value: string): boolean {
  return PLACEHOLDERS_ONLY.test(value);
}

/**
 * A value written where the real one goes later, in a shape no credential has: `<base64-encoded-password>`,
 * `<<TOKEN>>`, `xxxx`, `****`, `changeme`, `replace-me`, `todo`. Stricter than the placeholders a
 * finding is spared for (credential-judge.ts), since a value that matches here is not wiped either.
 */
const STRICT_PLACEHOLDER = /^(?:<[^<>\n]*>|<<[^\n]*>>|x{3,}|\*{3,}|change[-_ ]?me|replace[-_ ]?me|todo|tbd|placeholder)$/i;

export function isStrictPlaceholder(value: string): boolean {
  return STRICT_PLACEHOLDER.test(value.trim());
}

/** `${VAR:=default}` / `${VAR:-default}` carries a literal default that Flux would use. */
const LITERAL_DEFAULT = /\$\{[A-Za-z_][A-Za-z0-9_]*:[-=](?!\$\{)[^}]+\}/;

/**
 * Is a value under a credential-like key a literal (a real value typed into the repo)? Not when it
 * is empty, a boolean or number (flags such as `token: true`), a `${VAR}` substitution without a
 * literal default, a `{{ }}` template, or already encrypted (ENC[...], redacted on its own).
 */
export function isLiteralValue(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (v === '' || v.startsWith('ENC[')) return false;
  if (v.includes('{{')) return false;
  // `$(OTHER_VAR)`: Kubernetes dependent environment variable, a reference.
  if (/^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(v)) return false;
  // Grafana's `$__env{VAR}` / `$__file{/path}` / `$__vault{...}`: read at run time, a reference.
  if (/^\$__(env|file|vault)\{[^}]+\}$/.test(v)) return false;
  if (v.includes('${')) return LITERAL_DEFAULT.test(v);
  return true;
}

/** A Kubernetes object name with a `secret`/`secrets` segment: `home-ops-runner-secret`. */
const SECRET_OBJECT_NAME = /^(?=.*(^|[-.])secrets?($|[-.]))[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** A file or data-key name: `mautrix-slack.yaml`, `tls.key`, `config.json`. */
const FILE_NAME = /^[\w-][\w.-]*\.(ya?ml|json|txt|pem|crt|cer|key|conf|cfg|toml|ini|env|properties)$/;
/** A Kubernetes object name (DNS-1123 subdomain). */
/** A Kubernetes object name (DNS-1123 subdomain). */
export const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * A literal under a credential-like key that is still a reference, judged by the value: the name
 * of a Secret (`githubConfigSecret: home-ops-runner-secret`, `secret: appservices-secrets`) or the
 * name of a file / key inside one (`secretKey: mautrix-slack.yaml`). Random secrets have neither
 * shape; a password spelled like a Secret's name is the rare case we accept missing.
 */
export function isReferenceValue(key: string, value: string): boolean {
  const v = value.trim();
  if (FILE_NAME.test(v)) return true;
  // ingress-nginx's `proxy-ssl-secret: network/client-cert` names a Secret, `namespace/name`: its
  // name was wiped as a credential, and the Secret was shown used by nothing.
  if (isIngressSecretAnnotation(key)) return !looksRandom(v) && v.split('/').length <= 2 && v.split('/').every((part) => OBJECT_NAME.test(part));
  const words = splitWords(key);
  if (words[words.length - 1] !== 'secret') return false;
  // `configSecret: alertmanager-config`, `TS_KUBE_SECRET: tailscale`: a qualified `...Secret` key
  // holding an object name names the Secret to read; a bare `secret:` needs a `-secret` in the name.
  // A random-looking value (`clientSecret: 3f9c0e1d2b4a5968...`) is lower-case DNS too, but no name.
  if (looksRandom(v)) return false;
  return words.length >= 2 ? OBJECT_NAME.test(v) : SECRET_OBJECT_NAME.test(v);
}

/**
 * Random rather than named: a UUID, a long hex run, or a long segment mixing letters and digits.
 * `home-ops-runner-secret` is a name; `3f9c0e1d2b4a5968` and `a8k2m9x4q7w3z6p1` are not.
 */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true;
  for (const seg of v.split(/[-_.]/)) {
    if (seg.length >= 16 && /^[0-9a-f]+$/i.test(seg)) return true;
    if (seg.length >= 12 && /[a-z]/i.test(seg) && (seg.match(/\d/g)?.length ?? 0) >= 2) return true;
    if (seg.length >= 24) return true;
  }
  return false;
}

/**
 * A PEM private key block with key material in it: the header, any `Proc-Type:` lines, then base64
 * (at least 40 characters, line breaks or spaces between them: a folded YAML scalar joins the lines
 * with spaces) up to its END line or the end of the text. Not a template with `<paste your key here>`.
 */
const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----\s*((?:[A-Za-z-]+: [^\n]*\r?\n\s*)*)([A-Za-z0-9+/=][A-Za-z0-9+/=\s]*?)(?=-----END|$)/g;

/**
 * Whether a text holds a private key in the clear ('plain'), one protected by a passphrase
 * ('encrypted': `ENCRYPTED PRIVATE KEY`, an OpenSSL `Proc-Type: 4,ENCRYPTED` header, an OpenSSH key
 * whose cipher is not `none`), or none; of several blocks, the plainest (a template's filler beside a
 * real key is no reason to keep the key; code review). Also inside a JSON string, its line breaks
 * written `\n` (a service account's key file); not a template's filler (`XXXX...` between the markers).
 */
export function privateKeyIn(text: string): 'plain' | 'encrypted' | null {
  if (!text.includes('PRIVATE KEY-----')) return null;
  const t = text.includes('\\n') ? text.replace(/(?:\\r)?\\n/g, '\n') : text;
  let found: 'encrypted' | null = null;
  for (const m of t.matchAll(PRIVATE_KEY)) {
    const body = (m[3] ?? '').replace(/\s+/g, '').replace(/=+$/, '');
    if (body.length < 40 || /^(.)\1*$/.test(body)) continue;
    if (/\bENCRYPTED\b/.test(m[1] ?? '') || /ENCRYPTED/.test(m[2] ?? '')) {
      found = 'encrypted';
      continue;
    }
    // (A body that is no openssh-key-v1 record is not known to be encrypted: plain.)
    const cipher = (m[1] ?? '').trim() === 'OPENSSH' ? opensshCipher(body) : null;
    if (cipher !== null && cipher !== 'none') found = 'encrypted';
    else return 'plain';
  }
  return found;
}

/** The cipher an OpenSSH private key's body names (`openssh-key-v1`, then the cipher's name): `none` when in the clear; null where it cannot be read. */
function opensshCipher(base64: string): string | null {
  const bytes = Buffer.from(base64.slice(0, 64), 'base64');
  if (bytes.length < 19 || bytes.subarray(0, 15).toString('latin1') !== 'openssh-key-v1\0') return null;
  const length = bytes.readUInt32BE(15);
  return length > 0 && length < 32 && bytes.length >= 19 + length ? bytes.subarray(19, 19 + length).toString('latin1') : null;
}

/**
 * The text with every PEM private key block's contents replaced by a marker (the BEGIN and END lines
 * stay, so a reader sees what was there): for Markdown the repository holds, which pages and exports
 * show as written (a deploy key pasted into an app's README reached its page and atlas.json; outside
 * review). The text itself where it holds none.
 */
export function withoutPrivateKeys(text: string): string {
  if (!text.includes('PRIVATE KEY-----')) return text;
  return text.replace(/(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g, (_m, begin: string, end: string) => `${begin}\n[private key removed by GitOps Atlas]\n${end}`);
}

