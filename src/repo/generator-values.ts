/**
 * The values of a configMapGenerator's plain inputs, as kustomize puts them into the ConfigMap, so
 * that a build can use them where kustomize does (a `replacements:` source: an Ingress host spliced
 * from `DOMAIN` of a `domain.env`; outside review: `auth.DOMAIN` was shown where kustomize gives
 * `auth.brewen.dev`). A ConfigMap's data is configuration; a Secret's is not, so nothing here is read
 * from a file a secretGenerator reads (generator-inputs.ts leaves those out), and a value that looks
 * like a credential is kept as the REDACTED marker, never as written.
 */
import { privateKeyIn } from '../model/credential-key.ts';
import { REDACTED } from '../model/raw-doc.ts';

/**
 * What a plain input gives a configMapGenerator: an `envs:` file's pairs in file order, a one-line
 * `files:` input's text as it is (its newline too). Absent: not known (a file of several lines, a
 * YAML file, one too large, SOPS-encrypted, or one a secretGenerator reads).
 */
export interface GeneratorValues {
  env?: readonly (readonly [string, string])[];
  text?: string;
}

/** kustomize's test of an env file's key (an environment variable's name, as validation.IsEnvVarName). */
const ENV_KEY = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * An env file's pairs as kustomize's api/kv reads them (checked with kubectl kustomize 5.5): the
 * first line's BOM and each line's leading blanks dropped, blank lines and `#` lines skipped, the
 * value everything after the first `=` (quotes, an inline comment and trailing blanks kept), a KEY
 * alone an empty value. A line whose key kustomize refuses stops its build; it is left out here.
 * `credentials`: keys whose values look like credentials (generator-inputs.ts envCredentials).
 */
export function envPairs(text: string, credentials: ReadonlySet<string>): [string, string][] {
  const out: [string, string][] = [];
  text.split('\n').forEach((raw, i) => {
    const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_KEY.test(key)) return;
    out.push([key, credentials.has(key) ? REDACTED : eq < 0 ? '' : line.slice(eq + 1)]);
  });
  return out;
}

/**
 * A `files:` input's value: its text where it is one line (a version, a domain); REDACTED where that
 * looks like a credential under the key it is read under. A longer file (a config file, a dashboard)
 * is not kept: a replacement takes a line, not a document, and a document's secrets are not judged here.
 */
export function fileValue(text: string, credential: boolean): string | undefined {
  if (text.replace(/\r?\n$/, '').includes('\n') || privateKeyIn(text) !== null) return undefined;
  return credential ? REDACTED : text;
}
