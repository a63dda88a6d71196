/**
 * Credentials inside a longer string value, which a key-based scrub cannot see because the key
 * (`args`, `DATABASE_DSN`, `config.yaml`, `users`) says nothing:
 * - URLs with user info or a credential query key (redact-url.ts);
 * - `password=...` pairs of DSN / ADO / JDBC connection strings and of `.env` lines
 *   (`host=db user=app password=x`, `Server=db;User Id=app;Password=x;`, `AccountKey=...`);
 * - command-line flags (`--password=x`, `--api-key x`);
 * - `key: value` lines of a configuration file embedded in a multi-line string;
 * - htpasswd lines (`admin:$2y$05$...`, `$apr1$`, `{SHA}`, crypt `$6$`).
 * Only the credential part becomes `[redacted]`. References (`${VAR}`, `$(VAR)`, `{{ }}`,
 * `os.environ/X`, paths) stay.
 */
import { isCredentialKey, splitWords } from '../model/credential-key.ts';
import { isObjectName, isPlaceholderValue, isReferenceShape } from './credential-judge.ts';
import { REDACTED_PART, isReferenceText, redactUrls } from './redact-url.ts';

export interface InlineRedaction {
  text: string;
  changed: boolean;
  /**
   * Worth a HARDCODED_CREDENTIAL finding: a literal (not a placeholder) in a shape whose meaning is
   * certain (a URL's user info, a one-line connection string or flag). Lines of embedded files and
   * htpasswd hashes are wiped without a finding.
   */
  report: boolean;
}

/** Connection-string keys that are credentials without a credential word: ADO, Azure Storage. */
const EXTRA_KEYS = /^(pwd|accountkey|sharedaccesskey|sharedaccesssignature|sas|sastoken)$/i;

/** `name=value` after a start, white space or a separator; the value quoted or up to a separator. */
const PAIR = /(^|[\s;,?&"'(])(--?)?([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)(\$\([^)\s]*\)|\$\{[^}\s]*\}|'[^'\n]*'|"[^"\n]*"|[^\s;&,"')]+)/g;
/** `--password hunter2`: a credential flag and its value as the next word. */
const FLAG_SPACE = /(^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)([ \t]+)([^\s-][^\s]*)/g;
/** `password: hunter2` / `password = "x"` on a line of an embedded file. */
const LINE = /^([ \t-]*["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?[ \t]*[:=][ \t]*)(.*)$/gm;
/** htpasswd entries: bcrypt, Apache MD5, SHA1, crypt SHA-256/512 / MD5. */
const HTPASSWD = /(^|[\s,"'[])([^\s:,"'$[\]]+):(\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$apr1\$[./A-Za-z0-9]{0,8}\$[./A-Za-z0-9]{22}|\{SHA\}[A-Za-z0-9+/]{27}=|\$[156]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{0,16}\$[./A-Za-z0-9]{22,86})/g;

const QUICK = /:\/\/|=|\$2[abxy]?\$|\$apr1\$|\{SHA\}|\$[156]\$|--|\n|[Bb]earer\s|[Bb]asic\s/;

/**
 * An HTTP Authorization value: `Bearer <token>` (an nginx snippet's `proxy_set_header Authorization
 * "Bearer ..."`, a curl `-H`), or `Basic <base64>` after `Authorization`. The token has a digit or a
 * sign in it, so prose (`Bearer tokens`, `Basic setup`) stays.
 */
const BEARER = /(\b[Bb]earer[ \t]+|\b[Aa]uthorization:?[ \t"']*[Bb]asic[ \t]+)([A-Za-z0-9._~+/=-]*[0-9._~+/=-][A-Za-z0-9._~+/=-]*)/g;

/**
 * Values kept as they are: references (`${VAR}`, `$(VAR)`, `{{ }}`, `!env_var NAME`, paths),
 * flags and numbers (`secret: true`, `pass_access_token = true`), and the name of a Secret
 * (`--sops-age-secret=sops-age-secret`: a `-secret` name, as the key-based rule keeps it).
 */
function keep(value: string, name = ''): boolean {
  const v = unquote(value).trim();
  if (v === '' || v === REDACTED_PART || isReferenceText(v) || isReferenceShape(v) || v.includes('${') || v.includes('{{')) return true;
  if (/^!{1,2}[A-Za-z_][\w-]*\s+[A-Za-z_][\w./-]*$/.test(v)) return true;
  if (/^(true|false|yes|no|on|off|null|~|-?\d+)$/i.test(v)) return true;
  return splitWords(name).at(-1) === 'secret' && SECRET_NAME.test(v) && isObjectName(v);
}

/** An object name with a `secret` / `secrets` segment: `sops-age-secret`. */
const SECRET_NAME = /(^|[-.])secrets?($|[-.])/;

function unquote(v: string): string {
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}

function credentialName(name: string): boolean {
  return isCredentialKey(name) || EXTRA_KEYS.test(name);
}

/** Redact the credential parts of one string. */
export function redactInline(text: string): InlineRedaction {
  if (text.length < 6 || !QUICK.test(text)) return { text, changed: false, report: false };
  const multiline = text.includes('\n');
  let report = false;
  let changed = false;
  const literal = (name: string, value: string): void => {
    changed = true;
    const v = unquote(value);
    // `--secret=my-app-secret` names a Secret: wiped, not reported.
    const namesSecret = splitWords(name).at(-1) === 'secret' && isObjectName(v);
    if (!multiline && !namesSecret && !isPlaceholderValue(v)) report = true;
  };

  const urls = redactUrls(text);
  let out = urls.text;
  if (urls.changed) {
    changed = true;
    if (urls.literal) report = true;
  }
  if (out.includes('=')) {
    out = out.replace(PAIR, (whole, pre: string, dashes: string | undefined, name: string, eq: string, value: string) => {
      if (!credentialName(name)) {
        // `--from-literal=password=x`: the pair's value is a pair itself.
        const inner = /^([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)(.+)$/.exec(value);
        if (!inner || !credentialName(inner[1]!) || keep(inner[3]!, inner[1]!)) return whole;
        literal(inner[1]!, inner[3]!);
        return `${pre}${dashes ?? ''}${name}${eq}${inner[1]}${inner[2]}${REDACTED_PART}`;
      }
      if (keep(value, name)) return whole;
      literal(name, value);
      return `${pre}${dashes ?? ''}${name}${eq}${REDACTED_PART}`;
    });
  }
  if (out.includes('-')) {
    out = out.replace(FLAG_SPACE, (whole, pre: string, flag: string, gap: string, value: string) => {
      if (!credentialName(flag.replace(/^-+/, '')) || keep(value, flag)) return whole;
      literal(flag, value);
      return `${pre}${flag}${gap}${REDACTED_PART}`;
    });
  }
  if (multiline) {
    out = out.replace(LINE, (whole, pre: string, name: string, sep: string, rest: string) => {
      const value = rest.trimEnd();
      if (value === '' || /^[|>][-+]?$/.test(value) || !credentialName(name) || keep(value.replace(/\s+#.*$/, ''), name)) return whole;
      changed = true;
      return `${pre}${name}${sep}${REDACTED_PART}`;
    });
  }
  if (/[Bb]earer\s|[Bb]asic\s/.test(out)) {
    out = out.replace(BEARER, (whole, pre: string, token: string) => {
      if (token.length < 8 || keep(token)) return whole;
      literal('token', token);
      return `${pre}${REDACTED_PART}`;
    });
  }
  if (out.includes(':$') || out.includes(':{SHA}')) {
    out = out.replace(HTPASSWD, (_whole, pre: string, user: string) => {
      changed = true;
      return `${pre}${user}:${REDACTED_PART}`;
    });
  }
  return { text: out, changed, report: changed && report };
}

/** `token: value` inside a sentence; the value has a digit or a sign, so prose (`token: rotated`) stays. */
const PROSE_PAIR = /(^|[\s(,;"'`])([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*:[ \t]*)([^\s"'`,;)]*[0-9_~+/=.-][^\s"'`,;)]*)/g;

/**
 * Free text someone typed (a commit's subject and body): the inline rules above, and `password: x`
 * pairs inside a sentence, which in a manifest would be keys the key-based scrub sees.
 */
export function redactProse(text: string): string {
  let out = redactInline(text).text;
  if (!out.includes(':')) return out;
  out = out.replace(PROSE_PAIR, (whole, pre: string, name: string, sep: string, value: string) => {
    if (value.length < 6 || !credentialName(name) || keep(value, name) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return whole;
    return `${pre}${name}${sep}${REDACTED_PART}`;
  });
  return out;
}
