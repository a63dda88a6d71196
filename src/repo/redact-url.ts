/**
 * Credentials written inside a longer string: a URL's user info or a query key such as `token`,
 * a `password=` pair of a DSN or ADO connection string, a `--password=` flag, an htpasswd line.
 * One function for every reader (manifests, SOPS metadata, git diffs of the changelog), so that a
 * credential is removed the same way wherever it is read. Only the credential part is replaced by
 * `[redacted]`; the rest (scheme, host, path, other keys) stays, since it is what a reader needs.
 *
 * User info is found as the WHATWG URL parser finds it (the authority ends at the first `/`, `?` or
 * `#`; user info is what precedes its last `@`), so it is what a client would send, whatever its
 * shape: `https://ghp_x@host` (a token as the user name), `redis://:pw@host` (an empty user),
 * `postgres://u:p@host`. `new URL` gives the scheme where the text parses; text that does not parse
 * (a `${VAR}` host) is still scanned, and the replacement is spliced into the original text, so
 * nothing else of the URL is re-encoded.
 */

export const REDACTED_PART = '[redacted]';

/**
 * A URL inside any text: scheme, `://`, then up to white space or a quote; a template expression
 * (`?token={{ .PRINTER_TOKEN }}`, External Secrets and Helm) is part of the URL, spaces and all, so
 * the value it fills in is seen whole (cut at its first space, `{{` read as a literal token). Not
 * one that holds a URL of its own (`{{ https://u:pw@inner }}`): that one is redacted as a URL.
 */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/(?:\{\{(?:(?!:\/\/)[^{}\n])*\}\}|[^\s"'<>`])+/gi;

/**
 * Query keys whose value is a credential, judged by their last word: `token`, `access_token`, `password`,
 * `sig` (Azure SAS), `X-Amz-Signature`, `X-Amz-Credential`, `X-Amz-Security-Token`, `apikey`, `key`.
 */
const QUERY_WORDS = new Set(['token', 'password', 'passwd', 'pwd', 'pass', 'secret', 'sig', 'signature', 'key', 'apikey', 'credential', 'credentials', 'auth', 'authkey']);

/**
 * ssh user names (`ssh://git@github.com/...`) name an account, the key authenticates; Longhorn writes
 * a bucket as `s3://bucket@region/`; SMB / NFS user names are accounts. A password there is redacted.
 */
const NAME_ONLY_SCHEMES = new Set(['ssh:', 'git+ssh:', 'ssh+git:', 'sftp:', 's3:', 'smb:', 'cifs:', 'nfs:']);

/**
 * `${VAR}`, `$(VAR)`, `{{ .x }}`, `$VAR`, `%(VAR)s`, `{FRIGATE_VAR}` (Frigate and go2rtc fill these from
 * the environment), and Flux's escaped `$${VAR}` / `$$(VAR)` (postBuild writes `${VAR}` for the app to fill
 * in): the value is filled in elsewhere, not written here.
 */
const REFERENCE = /^(?:\$\$?\{[^}]*\}|\$\$?\([A-Za-z_][A-Za-z0-9_]*\)|\{\{[^{}]*\}\}|\$[A-Za-z_][A-Za-z0-9_]*|%\([A-Za-z_]+\)s|\{[A-Z_][A-Z0-9_]*\}|\[redacted\])+$/;

export function isReferenceText(value: string): boolean {
  return REFERENCE.test(value.trim());
}

export interface RedactedText {
  text: string;
  /** True when something was replaced. */
  changed: boolean;
  /** True when a replaced part was a literal, not a placeholder (`changeme`, `<token>`). */
  literal: boolean;
}

/** Placeholders in the credential part of a URL: `user:changeme@`, `<token>@`, `xxx@`. */
const PLACEHOLDER_PART = /^(?:<[^<>]*>|x{3,}|\*{3,}|change[-_]?me|replace[-_]?me|password|secret|token|user(?:name)?|pass(?:word)?|your[-_].*|example.*|placeholder.*)$/i;

/** Redact every credential part of the URLs in `text`. */
export function redactUrls(text: string): RedactedText {
  if (!text.includes('://')) return { text, changed: false, literal: false };
  let changed = false;
  const parts: string[] = [];
  const out = text.replace(URL_IN_TEXT, (raw) => {
    const r = redactOneUrl(raw, parts);
    if (r !== raw) changed = true;
    return r;
  });
  return { text: out, changed, literal: parts.some((p) => !PLACEHOLDER_PART.test(p)) };
}

/** Redact one URL; the removed parts are pushed onto `removed` (only to judge them, never kept). */
function redactOneUrl(raw: string, removed: string[]): string {
  const schemeEnd = raw.indexOf('://') + 3;
  // The authority ends at the first `/`, `?` or `#`; user info is what comes before its last `@`.
  const rest = raw.slice(schemeEnd);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  let parsed: URL | null = null;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = null;
  }
  let head = raw.slice(0, schemeEnd);
  let tail = rest;
  if (at !== -1) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
    const password = colon === -1 ? '' : userinfo.slice(colon + 1);
    const scheme = (parsed?.protocol ?? raw.slice(0, schemeEnd - 2).toLowerCase());
    const nameOnly = colon === -1 && NAME_ONLY_SCHEMES.has(scheme);
    // With a password, the password is the secret (`app:${DB_PASSWORD}@` is a template, the user a
    // name); without one, the user name may be the token itself (`https://ghp_x@github.com`).
    const secretPart = colon === -1 ? user : password;
    const reference = secretPart === '' || isReferenceText(decodeSafe(secretPart));
    if (!nameOnly && !reference) {
      removed.push(password === '' ? decodeSafe(user) : decodeSafe(password));
      head += REDACTED_PART + '@';
      tail = rest.slice(at + 1);
    }
  }
  return head + redactQuery(redactPathToken(tail, removed), removed);
}

/**
 * Webhook URLs whose path is the credential: Slack (`hooks.slack.com/services/T/B/secret`),
 * Discord (`discord.com/api/webhooks/id/token`), Microsoft Teams (`…/webhookb2/…`), Telegram bots
 * (`api.telegram.org/bot<token>/`). The part after the known prefix is redacted.
 */
const PATH_TOKEN = /^((?:hooks\.slack\.com\/services|(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks|[\w.-]+\.webhook\.office\.com\/webhookb2|api\.telegram\.org)\/(?:bot)?)((?:\{\{[^{}\n]*\}\}|[^?#\s])+)/i;

function redactPathToken(tail: string, removed: string[]): string {
  const m = PATH_TOKEN.exec(tail);
  if (!m || isReferenceText(m[2] as string) || (m[2] as string).startsWith(REDACTED_PART)) return tail;
  removed.push(m[2] as string);
  return `${m[1]}${REDACTED_PART}${tail.slice(m[0].length)}`;
}

/** Replace the values of credential-like query keys (`?token=x&page=2` -> `?token=[redacted]&page=2`). */
function redactQuery(tail: string, removed: string[]): string {
  const q = tail.indexOf('?');
  if (q === -1) return tail;
  const hash = tail.indexOf('#', q);
  const query = hash === -1 ? tail.slice(q + 1) : tail.slice(q + 1, hash);
  const parts = query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq === -1) return pair;
    const key = decodeSafe(pair.slice(0, eq));
    const value = decodeSafe(pair.slice(eq + 1));
    if (value === '' || isReferenceText(value) || !isCredentialQueryKey(key)) return pair;
    removed.push(value);
    return `${pair.slice(0, eq)}=${REDACTED_PART}`;
  });
  return tail.slice(0, q + 1) + parts.join('&') + (hash === -1 ? '' : tail.slice(hash));
}

function isCredentialQueryKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  // The last word says what the value is: `access_token` is a token, `authSource` is not a secret.
  return words.length > 0 && QUERY_WORDS.has(words[words.length - 1] as string);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
