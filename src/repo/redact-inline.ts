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
import { isObjectName, isPlaceholderValue, isReferenceShape, isTooShortForCredential } from './credential-judge.ts';
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

const QUICK = /:\/\/|=|\$2[abxy]?\$|\$apr1\$|\{SHA\}|\$[156]\$|--|\n|[Bb]earer\s|[Aa]uthorization|[Cc][Uu][Rr][Ll]|\bX-/;

/**
 * An HTTP Authorization value: `Bearer <token>` (an nginx snippet's `proxy_set_header Authorization
 * "Bearer ..."`, a curl `-H`), `Basic <base64>` or `Token <token>` after `Authorization`. A token
 * counts with a digit or a sign in it, or as a mixed-case run of 12 letters or more (base64 of
 * `user:pass`), so prose (`Bearer tokens`, `Basic setup`) stays.
 */
const BEARER = /(\b[Bb]earer[ \t]+|\b[Aa]uthorization:?[ \t"']*(?:[Bb]asic|[Tt]oken)[ \t]+)([A-Za-z0-9._~+/=-]+)/g;
/** `curl -u user:password`: the password part. */
const CURL_USER = /(^|\s)(-[uU][ \t]*|--(?:proxy-)?user(?:[ \t]+|=))(["']?[A-Za-z0-9_.@$][A-Za-z0-9_.@$-]*:)([^\s"']+)/g;
/** A header named like a credential with its value (`proxy_set_header X-Auth-Token "..."`, `X-Api-Key: ...`). */
const HEADER = /(\bX-[A-Za-z0-9-]*(?:Token|Key|Secret|Password|Auth)["']?)([ \t]*:[ \t]*|[ \t]+)(["']?)([^\s"';,-][^\s"';,]{5,})\3/gi;

function tokenLike(raw: string): boolean {
  // A word at the end of a sentence (`Bearer authentication.`) is a word.
  const token = /^[A-Za-z-]+[.,]$/.test(raw) ? raw.slice(0, -1) : raw;
  if (token.length < 8) return false;
  // Letters only: a run of mixed case that is no CamelCase words (`ServiceAccountToken`).
  const mixedCaseRun = token.length >= 12 && /^[A-Za-z]+$/.test(token) && /[a-z]/.test(token) && /[A-Z]/.test(token) && !/^([A-Z][a-z]+)+$/.test(token);
  // Words joined by hyphens (`auth-token`, `token-based`) are prose.
  if (/^[A-Za-z]+(-[A-Za-z]+)*$/.test(token)) return mixedCaseRun;
  return /[0-9._~+/=-]/.test(token);
}

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
    if (!multiline && !namesSecret && !isPlaceholderValue(v) && !isTooShortForCredential(v, name.replace(/^-+/, ''))) report = true;
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
  if (/[Bb]earer\s|[Aa]uthorization/.test(out)) {
    out = out.replace(BEARER, (whole, pre: string, token: string) => {
      if (!tokenLike(token) || keep(token)) return whole;
      literal('token', token);
      return `${pre}${REDACTED_PART}`;
    });
  }
  // `-u user:password` of a curl command: on its line, or on a line that continues it (`\` at the end).
  if (/\bcurl\b/i.test(out)) {
    let inCurl = false;
    out = out
      .split('\n')
      .map((line) => {
        inCurl = /\bcurl\b/i.test(line) || inCurl;
        const result = !inCurl
          ? line
          : line.replace(CURL_USER, (whole, pre: string, flag: string, user: string, password: string) => {
              if (keep(password, 'password')) return whole;
              literal('password', password);
              return `${pre}${flag}${user}${REDACTED_PART}`;
            });
        inCurl = inCurl && /\\\s*$/.test(line);
        return result;
      })
      .join('\n');
  }
  if (/\bX-/i.test(out)) {
    out = out.replace(HEADER, (whole, header: string, sep: string, quote: string, value: string) => {
      if (keep(value, 'token') || value === REDACTED_PART) return whole;
      // After a space (`proxy_set_header X-Auth-Token value;`) an unquoted word is taken for a value only
      // when it reads as a token: `X-Api-Key header support` is prose.
      if (!sep.includes(':') && quote === '' && !(tokenLike(value.replace(/;$/, '')) && /\d/.test(value))) return whole;
      literal('token', value);
      return `${header}${sep}${quote}${REDACTED_PART}${quote}`;
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
const PROSE_PAIR = /(^|[\s(,;"'`])([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*:[ \t]*)("[^"\n]+"|'[^'\n]+'|[^\s"'`,;)]+)/g;

/**
 * Free text someone typed (a commit's subject and body): the inline rules above, and `password: x`
 * pairs inside a sentence, which in a manifest would be keys the key-based scrub sees.
 */
export function redactProse(text: string): string {
  const inline = redactInline(text).text;
  if (!inline.includes(':')) return inline;
  // Pairs may follow one another (`fix: password: x`): after a pair that stays, the search goes on
  // from its value, which may be the next pair's name.
  let out = '';
  let from = 0;
  const re = new RegExp(PROSE_PAIR.source, 'g');
  for (let m = re.exec(inline); m !== null; m = re.exec(inline)) {
    const [whole, pre = '', name = '', sep = '', value = ''] = m;
    const at = m.index + pre.length + name.length + sep.length;
    if (proseCredential(name, value)) {
      out += `${inline.slice(from, at)}${REDACTED_PART}`;
      from = m.index + whole.length;
    } else re.lastIndex = m.index + pre.length + name.length + sep.trimEnd().length;
  }
  return out + inline.slice(from);
}

function proseCredential(name: string, value: string): boolean {
  if (!credentialName(name) || keep(value, name)) return false;
  if (/^["']/.test(value)) return value.length >= 6;
  if (value.length < 6) return false;
  // A token of a known shape (GitHub, GitLab, Slack, Stripe, AWS keys) whatever its letters.
  if (/^(gh[pousr]_|github_pat_|glpat-|xox[abpr]-|sk_(live|test)_|pk_(live|test)_|AKIA|ASIA)/.test(value)) return true;
  // Otherwise a value with a digit, that is no version (`v2-rollout`, `32-byte`) and no path or URL
  // (`ghcr.io/onedr0p`, `docs/auth.md`): prose such as `token: rotated` stays.
  if (!/\d/.test(value) || /^v?\d+([.-][A-Za-z0-9]+)*$/.test(value)) return false;
  return !/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(value) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}
