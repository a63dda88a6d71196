/**
 * Which wiped credentials are *reported* (HARDCODED_CREDENTIAL). The scrub wipes broadly, on the
 * key's name alone, because a missed wipe leaks a value; a finding must be precise, because a false
 * error teaches the owner to switch `atlas check` off. So a wiped value is reported only when it
 * is a literal credential in a Kubernetes object or in Helm values:
 * - not in a file that is no manifest (`.github/`, Taskfiles, docs, examples);
 * - not a reference (`os.environ/X`, `op://...`, `${VAR}`, `$(VAR)`, `{{ ... }}`, a file path, a key
 *   name next to `existingSecret`, a Secret's name under `basicAuth.secret`);
 * - not a placeholder (`changeme`, `<<...>>`, `example`, `your-...`, `xxx`, `REPLACE_ME`);
 * - not a password hash, an environment variable's name, a name made of words under a key other
 *   than a password, nor a webhook URL of a service inside the cluster;
 * - not a value every browser receives (a `NEXT_PUBLIC_*`, `VITE_*` ... variable, a publishable key).
 * Numbers and booleans are never reported (ports, flags, `true`, also quoted: `"true"`, `"yes"`),
 * nor a value too short to be a credential (isTooShortForCredential: `token: "y"`).
 */
import { looksRandom, OBJECT_NAME, splitWords } from '../model/credential-key.ts';

/**
 * Files that configure something other than the cluster: CI, task runners, editors, the docs folder
 * at the root (an app folder named `docs` deeper down is a manifest), examples, archived apps.
 */
const NOT_MANIFEST_FILE =
  /^docs?\/|(^|\/)(\.github|\.gitea|\.forgejo|\.gitlab|\.woodpecker|\.circleci|\.buildkite|\.taskfiles|\.devcontainer|\.vscode|\.idea|examples?|\.archive|archive)\/|(^|\/)(taskfile|\.gitlab-ci|\.pre-commit-config|\.?renovate|docker-compose|compose|mkdocs|\.sops|\.yamllint|\.lefthook|lefthook|\.markdownlint|\.editorconfig)[^/]*$|\.example\.ya?ml$|\.sample\.ya?ml$/i;

/** Helm values, wherever they are kept: `values.yaml`, `values.enc.age.yaml`, `helm-values.yaml`. */
const VALUES_FILE = /(^|\/)[^/]*values[^/]*\.ya?ml$/i;

export function isManifestFile(file: string): boolean {
  return !NOT_MANIFEST_FILE.test(file);
}

/** A document the finding may speak about: a Kubernetes object, or a Helm values file. */
export function isReportableDocument(file: string, root: { apiVersion?: unknown; kind?: unknown } | null): boolean {
  if (!isManifestFile(file)) return false;
  if (root && typeof root.apiVersion === 'string' && typeof root.kind === 'string') return true;
  return VALUES_FILE.test(file);
}

/**
 * Values a person writes where the real one goes later, or to say that there is none: a keyless
 * local LLM server (llama.cpp, Ollama, LiteLLM) still wants an API key variable, and its documented
 * value is `sk-no-key-required`, `not-needed`, `no-key`. Matched on the whole value (trimmed,
 * case-insensitive), so `hunter2-example-prod` is still a credential and `example` is not.
 */
const PLACEHOLDER =
  /^(?:<<.*>>|<[^<>]*>|\[[^\]]*\]|x{3,}|\*{3,}|\.{3,}|-+|_+|#+|your[-_ ].*|(?:[a-z0-9]+[-_ ])*(?:token|key|hash|password|passwd|secret|value|string|id|name)[-_ ]here|change[-_ ]?me.*|replace[-_ ]?(?:me|with|this).*|to[-_ ]?be[-_ ]?(?:replaced|set|filled)|tbd|todo|fixme|placeholder.*|example.*|.*[-_.]example|sample|dummy.*|fake|none|null|nil|undefined|redacted|notused|not[-_ ]?used|unused|n\/a|not[-_ ]?(?:required|needed|set|applicable)|(?:none|nothing)[-_ ]?(?:required|needed)|(?:sk[-_])?no[-_ ]?(?:api[-_ ]?)?(?:key|password|token|secret|auth)(?:[-_ ]?(?:required|needed))?)$/i;

/**
 * Prefixes of API tokens (OpenAI, Anthropic, GitHub, GitLab, Slack, Hugging Face, Stripe): a
 * placeholder keeps the prefix and fills the rest (`sk-XXXXXXXXXXXXXXXX`, `ghp_xxxx`, `sk-your-key`).
 */
const TOKEN_PREFIX = /^(?:sk-(?:proj-|ant-(?:api\d\d-)?)?|gh[pousr]_|github_pat_|glpat-|xox[abpr]-|hf_|[spr]k_(?:live|test)_)/i;
/** One filler character repeated, dashes or underscores between (`XXXX-XXXX`, `0000`, `****`, `....`). */
const FILLER = /^(?:x+|\*+|0+|\.+)$/i;

export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '' || PLACEHOLDER.test(v)) return true;
  const rest = v.replace(TOKEN_PREFIX, '');
  if (rest === v) return false;
  const filled = rest.replace(/[-_]/g, '');
  return (filled.length >= 3 && FILLER.test(filled)) || PLACEHOLDER.test(rest);
}

/**
 * Values that point at where the credential lives instead of holding it: environment lookups of
 * LiteLLM, Home Assistant, Spring, Symfony; secret-manager URIs (1Password `op://`, vals `ref+`,
 * argocd-vault-plugin `<path:...>`, Azure Key Vault, GCP / AWS secret managers); file paths.
 */
const REFERENCE_SHAPES: RegExp[] = [
  /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/, // LiteLLM
  /^(?:env|file|secret|vault|awssm|gcpsm|azkv|sops|ref\+[a-z0-9]+):[^\s]*$/i,
  /^op:\/\/\S+$/, // 1Password secret reference
  /^ref\+[a-z0-9]+:\/\/\S+$/, // vals
  /^<path:[^>]+>$/, // argocd-vault-plugin
  /^%env\([^)]+\)%$/, // Symfony
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // shell variable
  /^\$\{\{.*\}\}$/, // GitHub / Gitea expressions
  /^\{\{.*\}\}$/s,
  /^\$__(?:env|file|vault)\{[^}]+\}$/, // Grafana
  /^\{[A-Za-z_][A-Za-z0-9_]*\}$/, // Frigate, go2rtc: `{FRIGATE_MQTT_PASSWORD}` from the environment
  /^\[\[.*\]\]$/s, // Go templates with [[ ]] delimiters
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // `%PASSWORD%`
  /^!secret(?:\.ya?ml)?\s+[\w.-]+$/, // zigbee2mqtt / Home Assistant, written as a quoted string
  /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/, // Python `%(DB_PASSWORD)s`
  /^\$\(cat\s+[^\s()]+\)$/, // `$(cat /run/secrets/pw)`
  /^#\{[A-Za-z_][A-Za-z0-9_]*\}#$/, // Octopus / token-replace `#{TOKEN}#`
  /^@[A-Za-z_][A-Za-z0-9_]*@$/, // Maven / Gradle `@PASSWORD@`
  /^%%[A-Za-z_][A-Za-z0-9_]*%%$/,
  /^env\([A-Za-z_][A-Za-z0-9_]*\)$/, // `env(DB_PASSWORD)`
  // A listen address or host and port (`--validating-webhook=:8443`, `0.0.0.0:9443`, `[::]:8080`,
  // `webhook.ingress-nginx.svc:443`): where a server is, not a secret. A bare word before the port
  // (`hunter:2024`) is not taken for a host.
  /^(?:(?:\d{1,3}\.){3}\d{1,3}|\[[0-9A-Fa-f:]+\]|localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)+)?:\d{1,5}$/,
];

/** A password hash (bcrypt, Argon2, PBKDF2, scrypt, crypt): what a config file keeps instead of the password. */
const PASSWORD_HASH = /^\$(?:2[abxy]?|argon2(?:id|i|d)|pbkdf2(?:-sha\d+)?|scrypt|[156])\$\S+$/;

/** `SONARR_API_KEY`: the name of an environment variable the app reads the value from. */
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Switches and words, however quoted: `OAUTH2_PROXY_PASS_ACCESS_TOKEN: "true"`, `ALLOW_EMPTY_PASSWORD: "yes"`. */
/** A Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-`, `_` and `.` between. */
const LABEL_VALUE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

const SWITCH = /^(?:true|false|yes|no|on|off|enabled?|disabled?)$/i;

/** A URL without user info, query or fragment: `scheme://host[:port][/path]`. */
const BARE_URL = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+\.?(?::\d+)?(\/[^?#@\s]*)?$/i;

/**
 * A URL of a host and at most version-like path segments (`https://api.example.org/v1`): in a Secret,
 * any other segment may be the credential itself (an ntfy topic, a dead man's snitch id; code review).
 */
export function isHostAddress(value: string): boolean {
  const m = BARE_URL.exec(value);
  if (!m) return false;
  return (m[1] ?? '').split('/').every((seg) => seg === '' || /^(?:v\d+(?:\.\d+)*|api)$/i.test(seg));
}

/**
 * Plain http to a Service by its cluster DNS name (`http://alertmanager.monitoring.svc:9093/api/v2/alerts`,
 * `...svc.cluster.local`) with a path of words: reachable only inside the cluster, so the address is no
 * credential. (Not a public host with a path, where a segment may be the secret: an ntfy topic.)
 */
export function isInClusterAddress(value: string): boolean {
  return /^http:\/\/[a-z0-9-]+\.[a-z0-9-]+\.svc(?:\.cluster\.local)?(?::\d+)?(?:\/|$)/i.test(value) && isPlainAddress(value);
}

/** A URL whose path has no segment a token could be (nothing random-looking, no long run of digits). */
function isPlainAddress(value: string): boolean {
  const m = BARE_URL.exec(value);
  if (!m) return false;
  return (m[1] ?? '').split('/').every((seg) => seg.length < 24 && !looksRandom(seg) && !/\d{6,}/.test(seg));
}

/** A name made of words (`cloudflare-api-token`, `client-secret`, `github_token`, `AutheliaSecrets`): it names where the value is. */
function isWordName(value: string): boolean {
  return (/^[a-z]+(?:[-_][a-z]+)+$/.test(value) || /^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(value)) && !looksRandom(value);
}

/** `/data/signing/ed25519.pub`, `/run/secrets/token`, `./certs/key.pem`: where a file is, not what it holds. */
const PATH = /^(?:file:\/\/)?(?:\.{1,2})?\/[\w.@-]+(?:\/[\w.@-]+)+\/?$/;
/**
 * `~/.ssh/id_ed25519`, `secrets/gh-token.txt`, a Vault path `kv/data/app`: a path too, but one a
 * credential could look like, so it is still wiped (not a reference shape); only not reported.
 */
const LOOSE_PATH = /^(?:~\/)?[\w.@-]+(?:\/[\w.@-]+)+\/?$/;

export function isReferenceShape(value: string): boolean {
  const v = value.trim();
  if (PATH.test(v)) return !v.split('/').some((seg) => looksRandom(seg));
  return REFERENCE_SHAPES.some((r) => r.test(v));
}

/** A DNS-1123 name (an object name), not a random-looking string that happens to be lower case. */

export function isObjectName(value: string): boolean {
  return OBJECT_NAME.test(value.trim()) && !looksRandom(value);
}

/** Keys that say the map they sit in points at a Secret: `existingSecret`, `secretName`, `secretRef`. */
function namesASecret(key: string): boolean {
  const w = splitWords(key);
  if (w[0] === 'existing') return true;
  const last = w[w.length - 1];
  const prev = w[w.length - 2];
  return (last === 'name' && prev === 'secret') || (last === 'ref' && prev === 'secret') || last === 'secretref' || last === 'secretname';
}

/** Words that begin a key which reads a value from somewhere: `fromConnectionSecretKey`, `sourceSecretKey`. */
const FROM_WORDS = new Set(['from', 'source', 'src', 'ref', 'existing', 'use']);

export interface CredentialContext {
  /** Repo-relative file. */
  file: string;
  /** The document is a Kubernetes object or a Helm values file (isReportableDocument). */
  reportableDoc: boolean;
  /** The key the value sits under (or the env var's name). */
  key: string;
  /** Names of the sibling keys in the same mapping. */
  siblings: readonly string[];
  /** The key of the mapping that holds this one (`basicAuth` for `basicAuth.secret`), or null. */
  parentKey: string | null;
  /** The address a sibling key gives (`apiBase`, `baseUrl`, `endpoint`, `url`), where one does (endpointOf). */
  endpoint?: string | null;
}

// (Also an environment variable's, prefixed: `HINDSIGHT_API_LLM_BASE_URL` beside `HINDSIGHT_API_LLM_API_KEY`; outside review.)
const ENDPOINT_KEY = /^(?:api_?base(?:_?url)?|base_?url|api_?url|endpoint|url)$|_(?:api_?base(?:_?url)?|base_?url|api_?url|endpoint)$/i;

/** A key that holds an address (`apiBase`, `baseUrl`, `endpoint`, `url`): the scrubbers look for the value only in a mapping that has one. */
export const isEndpointKey = (key: string): boolean => ENDPOINT_KEY.test(key);

/** The string value of the first endpoint-like key of a mapping (`apiBase: http://llama.llm:8080/v1`), or null. */
export function endpointOf(entries: Iterable<readonly [string, unknown]>): string | null {
  for (const [k, v] of entries) if (ENDPOINT_KEY.test(k) && typeof v === 'string') return v;
  return null;
}

/**
 * Plain http to a server in the cluster or on the owner's network: `svc`, `svc.ns`,
 * `*.svc(.cluster.local)`, localhost, a private (RFC 1918) address (a proxy on the LAN; outside review).
 */
const IN_CLUSTER_HTTP = /^http:\/\/(?:localhost|127\.0\.0\.1|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|[a-z0-9-]+(?:\.[a-z0-9-]+)?|[a-z0-9.-]+\.svc(?:\.cluster\.local)?)(?::\d+)?(?:\/|$)/i;

/**
 * Environment variables a front-end framework bundles into the code it sends to the browser, told by
 * the prefix the framework requires: SvelteKit and Astro `PUBLIC_`, Next.js `NEXT_PUBLIC_`, Nuxt
 * `NUXT_PUBLIC_`, Expo `EXPO_PUBLIC_`, Vite `VITE_`, Create React App `REACT_APP_`, Gatsby `GATSBY_`.
 * Every visitor gets the value, so it is no secret to keep out of git (outside review: a Supabase anon
 * key and a PostHog project key under `PUBLIC_*` in a ConfigMap were HARDCODED_CREDENTIAL errors).
 * Case-sensitive, as the frameworks match it. The value is still wiped.
 */
const PUBLIC_BUILD_VARIABLE = /^(?:NEXT_PUBLIC|NUXT_PUBLIC|EXPO_PUBLIC|PUBLIC|VITE|REACT_APP|GATSBY)_[A-Z0-9_]+$/;

/**
 * Keys made to be published, whatever the variable is called: Stripe's publishable key (`pk_live_`,
 * `pk_test_`), which Stripe.js sends from the browser, and PostHog's project API key (`phc_`), which
 * its snippet puts in every page. (Stripe's secret `sk_` and restricted `rk_` keys are credentials.)
 */
const PUBLISHABLE_KEY = /^(?:pk_(?:live|test)_|phc_)[A-Za-z0-9]{16,}$/;

/**
 * A key that names a secret under a public prefix (`NEXT_PUBLIC_STRIPE_SECRET_KEY`, `VITE_GITHUB_TOKEN`,
 * `PUBLIC_SUPABASE_SERVICE_ROLE_KEY`), or a value in a secret key's format (Stripe `sk_`/`rk_`, GitHub
 * `ghp_`...): the prefix then ships a secret to every browser, which makes it no less a leak (code review).
 */
const SECRET_WORD = /(?:^|_)(?:SECRET|TOKEN|PASSWORD|PASSWD|PRIVATE|SERVICE_ROLE|SERVICE_KEY)(?:_|$)/;
const SECRET_FORMAT = /^(?:sk_(?:live|test)_|rk_(?:live|test)_|gh[pousr]_|github_pat_|glpat-|xox[abpr]-|AKIA[0-9A-Z]{16}|-----BEGIN)/;

/** A value the browser of every visitor receives: public by the variable's prefix or by the key's format. */
function isPublicClientValue(key: string, value: string): boolean {
  const v = value.trim();
  if (PUBLISHABLE_KEY.test(v)) return true;
  return PUBLIC_BUILD_VARIABLE.test(key) && !SECRET_WORD.test(key) && !SECRET_FORMAT.test(v);
}

/** Words of a key that names a secret a person chooses and types: a password, a passphrase, a PIN. */
const PASSWORD_WORD = /pass|pwd|^pw$|^pin$|passcode|masterauth/;

/**
 * Too short to be a credential worth an error, whatever the key (outside review: hajimari's
 * `searchProviders[].token: "y"`, the shortcut typed in its search bar, was a HARDCODED_CREDENTIAL
 * error). Machine-issued tokens and API keys are 16 characters and more (GitHub's 40, a *arr API key's
 * 32, Gotify's 15 the shortest we know); one to three characters is a shortcut, a flag, a unit or an
 * initial, and were it a password, one guessed in seconds. Four characters is still a password or a
 * PIN a person chose (`1234`, `root`): reported under a key that names one, not under `token`, `apiKey`
 * or `secret`, where four characters name a shortcut (`token: wiki`). A word of five letters and more
 * is reported as before: people do set `admin` or `hunter` as a password. Only the finding: the value
 * is wiped whatever its length.
 */
export function isTooShortForCredential(value: string, key: string): boolean {
  const length = [...value.trim()].length;
  if (length >= 5) return false;
  return length < 4 || !splitWords(key).some((w) => PASSWORD_WORD.test(w));
}

/** Should this wiped literal be reported as a hard-coded credential? */
export function isReportableCredential(value: unknown, ctx: CredentialContext): boolean {
  if (typeof value !== 'string') return false;
  if (!ctx.reportableDoc) return false;
  const v = value.trim();
  if (v === '' || isPlaceholderValue(v) || isReferenceShape(v)) return false;
  if (isTooShortForCredential(v, ctx.key)) return false;
  if (isPublicClientValue(ctx.key, v)) return false;
  if (SWITCH.test(v) || PASSWORD_HASH.test(v) || (ENV_NAME.test(v) && !looksRandom(v))) return false;
  if (LOOSE_PATH.test(v) && !v.split('/').some((seg) => looksRandom(seg) || /[0-9]/.test(seg.replace(/\.[a-z0-9]+$/i, '')))) return false;
  const words = splitWords(ctx.key);
  if (words.length > 0 && FROM_WORDS.has(words[0] as string)) return false;
  const last = words[words.length - 1];
  // `existingSecret: app; secretKey: admin-password`: the key inside that Secret, a name.
  if ((last === 'key' || last === 'keys') && ctx.siblings.some(namesASecret) && /^[A-Za-z0-9][\w.-]{0,252}$/.test(v) && !looksRandom(v)) return false;
  // `basicAuth: { secret: authsecret }`, `secret: appservices-secrets`: a bare `secret` holding an
  // object name names the Secret (Traefik, cert-manager and most CRDs spell it so).
  if (last === 'secret' && isObjectName(v)) return false;
  // Flux's postBuild variables (`substitute:`) are ALL_CAPS, but no app reads them as its environment:
  // an object name under a `*_KEY` (`VOLSYNC_SECRET_KEY: sonarr`, the item a component's ExternalSecret
  // reads, named after the app) says where a secret is kept, as under any other key.
  if (ctx.parentKey === 'substitute' && last === 'key' && !words.includes('password') && isObjectName(v)) return false;
  // `token: cloudflare-api-token`, `clientSecretKey: client-secret`, `secret: AutheliaSecrets`: names of
  // where the value is. (Not for a password, which may well be words.)
  // An environment variable's value is what the app reads: there a name of words is the value itself.
  if (!words.includes('password') && !words.includes('passphrase') && !/^[A-Z0-9_]+$/.test(ctx.key) && isWordName(v)) return false;
  // `webhookUrl: http://alertmanager.monitoring.svc:9093/hook`, n8n's `WEBHOOK_URL: https://n8n.example.dev`:
  // an address. A webhook URL is a credential by its token: a random-looking path segment (Slack,
  // Discord, Teams), user info or a query (those two are judged by the URL redaction as well).
  if (words.includes('webhook') && isPlainAddress(v)) return false;
  // `topolvm.io/webhook: ignore` (TopoLVM's namespace label), `webhook: mutate`: a webhook's credential
  // is its URL's token or a token of its own, not a word.
  if ((last === 'webhook' || last === 'webhookurl' || (last === 'url' && words[words.length - 2] === 'webhook')) && !v.includes('://') && !looksRandom(v)) return false;
  // A label's value (`metadata.labels`, `podLabels`, `matchLabels`): a public selector of at most 63
  // characters that every `kubectl get -l` shows, never where a credential is kept.
  if (ctx.parentKey !== null && /labels$/i.test(ctx.parentKey) && LABEL_VALUE.test(v)) return false;
  if (ctx.parentKey !== null && /auth$/i.test(ctx.parentKey) && last === 'secret' && OBJECT_NAME.test(v)) return false;
  // `apiKey: selfhosted` beside `apiBase: http://llama-strix.llm:8080/v1`: the filler an OpenAI client
  // asks for, sent in clear to a server in the cluster that wants no key (llama.cpp, Ollama). A word
  // or `sk-1234`, never a random value (outside review: a HARDCODED_CREDENTIAL error on LiteLLM's).
  // An S3-style access key (MinIO's `accessKey`, `s3AccessKey`) is the user name of a key pair, whose
  // secret half is the `secretKey` beside it: the root user `minio` or an id of the AWS shape
  // (`AKIA...`), no credential on its own (outside review: a HARDCODED_CREDENTIAL error on MinIO's
  // user name). Azure's storage access key is the secret itself: a long random base64 value.
  if ((last === 'accesskey' || (last === 'key' && words[words.length - 2] === 'access')) && !words.includes('secret') && (!looksRandom(v) || /^[A-Z0-9]{16,32}$/.test(v))) return false;
  if (ctx.endpoint && IN_CLUSTER_HTTP.test(ctx.endpoint) && !words.includes('password') && /^(?:[a-z]{1,32}|sk-\d{1,8})$/i.test(v) && !looksRandom(v)) return false;
  return true;
}
