/**
 * Files a kustomization's secretGenerator or configMapGenerator reads that the scan does not parse
 * as YAML (`files: [issuer.key]`, `envs: [secret.sops.env]`). What is said of them:
 * - whether one holds a private key in plain text (a PEM `PRIVATE KEY` block, not SOPS-encrypted),
 *   which then reaches the cluster from the repository as it is;
 * - which values of a plain one look like credentials, judged as a generator's `literals` are
 *   (scrub-rules.ts isGeneratorCredential): an `envs:` file's keys, a one-line `files:` input's data key;
 * - whether one is SOPS-encrypted (dotenv, JSON, INI or binary format; Flux decrypts it before the
 *   generator runs): then it is a SOPS file of the inventory, with its recipients and key names.
 * - what a plain input that only configMapGenerators read gives the ConfigMap (generator-values.ts):
 *   configuration, which a build's `replacements:` may copy into other objects.
 * The text of any other input is looked at here and never kept, logged or returned: of an encrypted
 * file only the key names and the sops metadata leave (the MAC and data keys are dropped by
 * extractSopsMeta); of a plain one a secretGenerator reads, the names of the keys whose values look
 * like credentials. A ConfigMap's value that looks like a credential is kept as REDACTED.
 */
import { readFileSync } from 'node:fs';
import { privateKeyIn } from '../model/credential-key.ts';
import { REDACTED, type RawDoc } from '../model/raw-doc.ts';
import { arr, obj, setOwn, str } from '../model/values.ts';
import { generatorEnvFile, generatorFile } from './build/generator-files.ts';
import { dirOf } from './build/paths.ts';
import { isManifestFile } from './credential-judge.ts';
import { isGeneratorCredential } from './scrub-rules.ts';
import type { DiscoveredFile } from './discover.ts';
import { extractSopsMeta } from './sops-meta.ts';
import { sopsEncrypts } from '../model/sops-selection.ts';
import { envPairs, fileValue, type GeneratorValues } from './generator-values.ts';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;
/** Larger inputs are no key file (a PEM key is a few kB); they are not opened. */
const MAX_BYTES = 256 * 1024;
/** SOPS's own marks in its dotenv, INI, JSON and binary formats. */
const SOPS = /ENC\[AES256_GCM,|^sops_version=|^\[sops\]|"sops"\s*:/m;

/** What the generator inputs say: those holding a private key in plain text, and the SOPS-encrypted ones as documents. */
export interface GeneratorInputs {
  plainKeys: Set<string>;
  /**
   * Plain (not SOPS-encrypted) inputs holding values that look like credentials, by path: the names
   * of those values (an `envs:` file's keys; the data keys a one-line `files:` input is read under).
   */
  plainCredentials: Map<string, string[]>;
  /** One document a SOPS-encrypted input: its key names (values redacted) and its sops metadata. */
  sopsDocs: RawDoc[];
  /** Lines of plain `envs:` files whose value kustomize keeps as written (envValueNotes); never a value. */
  envNotes: EnvValueNote[];
  /**
   * The values of plain inputs that only configMapGenerators read, by path (generator-values.ts): a
   * Secret's inputs are never among them, and a value that looks like a credential is REDACTED.
   */
  configValues: Map<string, GeneratorValues>;
}

/**
 * A line of a generator's `envs:` file whose value kustomize takes as written where a shell or a
 * dotenv reader would not: an inline comment (`KEY=720h  # 30 days`: the comment is in the value)
 * or quotes (`KEY="Europe/Berlin"`: the quotes are in the value). Checked with `kubectl kustomize`.
 */
export interface EnvValueNote {
  file: string;
  line: number;
  key: string;
  what: 'comment' | 'quotes';
  /** The kustomization files whose generators read the file. */
  readBy: string[];
}

/** `KEY=value` lines of a plain env file that kustomize reads differently from a dotenv reader. */
function envValueNotes(text: string, file: string): Omit<EnvValueNote, 'readBy'>[] {
  const out: Omit<EnvValueNote, 'readBy'>[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#') || out.length >= 100) return;
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1);
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) return;
    const quoted = /^\s*(?:"[^"]*"|'[^']*')\s*$/.test(value);
    if (quoted) out.push({ file, line: i + 1, key, what: 'quotes' });
    else if (/\s#/.test(value)) out.push({ file, line: i + 1, key, what: 'comment' });
  });
  return out;
}

/**
 * The keys of a plain env file whose values look like credentials. Lines as kustomize reads them
 * (api/kv: `KEY=value`, blank lines and `#` comments skipped; a `KEY` alone takes the environment's
 * value, a reference). Kustomize keeps quotes and an inline comment in the value; the credential is
 * judged without them (`"changeme"` is a placeholder still, `${TOKEN} # from CI` a reference).
 */
function envCredentials(text: string, file: string): string[] {
  const out = new Set<string>();
  const reportable = isManifestFile(file);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trimStart();
    if (line === '' || line.startsWith('#') || out.size >= 100) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) continue;
    const value = unquoted(line.slice(eq + 1).replace(/\s+#.*$/, ''));
    if (isGeneratorCredential(key, value, file, reportable)) out.add(key);
  }
  return [...out];
}

function unquoted(v: string): string {
  const t = v.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0]) ? t.slice(1, -1) : t;
}

export function readGeneratorInputs(docs: readonly RawDoc[], files: ReadonlyMap<string, Pick<DiscoveredFile, 'abs' | 'kind' | 'size'>>): GeneratorInputs {
  const plainKeys = new Set<string>();
  const plainCredentials = new Map<string, string[]>();
  const sopsDocs: RawDoc[] = [];
  const seen = new Set<string>();
  const envNotes = new Map<string, EnvValueNote[]>();
  // The data keys each `files:` input is read under (`key=path`, else its base name): a one-line
  // file's value is judged under each, and the file is read once.
  const dataKeys = new Map<string, Set<string>>();
  // How each input is read: a file a secretGenerator reads is a Secret's, whose values are never kept
  // (one a commented-out secretGenerator reads too: it held a Secret's values once).
  const secretRead = new Set<string>();
  const envRead = new Set<string>();
  const fileRead = new Set<string>();
  const configValues = new Map<string, GeneratorValues>();
  forEachInput(docs, (path, env, _kfile, key) => {
    if (!env && key !== null) (dataKeys.get(path) ?? dataKeys.set(path, new Set()).get(path)!).add(key);
    (env ? envRead : fileRead).add(path);
  });
  forEachInput(
    docs,
    (path, _env, _kfile, _key, secret) => {
      if (secret) secretRead.add(path);
    },
    true,
  );
  const read = (path: string, env: boolean, kfile: string) => {
    const file = files.get(path);
    if (env) for (const n of envNotes.get(path) ?? []) if (!n.readBy.includes(kfile)) n.readBy.push(kfile);
    if (!file || file.kind !== 'other' || file.size > MAX_BYTES || seen.has(path)) return;
    seen.add(path);
    let text: string;
    try {
      text = readFileSync(file.abs, 'utf8');
    } catch {
      return; // unreadable: kustomize reports it, and so does the build
    }
    const sops = SOPS.test(text);
    if (!env && !sops && privateKeyIn(text) === 'plain') plainKeys.add(path);
    if (sops) {
      const doc = sopsDocument(path, text);
      if (doc) sopsDocs.push(doc);
    } else if (env) {
      envNotes.set(path, envValueNotes(text, path).map((n) => ({ ...n, readBy: [kfile] })));
      const credentials = envCredentials(text, path);
      if (credentials.length > 0) plainCredentials.set(path, credentials);
    } else {
      // A one-line input (a token file: `files: [api-token]`, `password.txt`) is one value, judged under
      // its data key (`.txt` says nothing of what it holds); a longer file's text is not split into values here.
      const value = text.trim();
      const credentials = value === '' || value.includes('\n') ? [] : [...(dataKeys.get(path) ?? [])].filter((k) => isGeneratorCredential(k.replace(/\.txt$/i, ''), value, path, isManifestFile(path)));
      if (credentials.length > 0) plainCredentials.set(path, credentials.sort());
    }
    if (sops || secretRead.has(path) || privateKeyIn(text) !== null) return;
    // A ConfigMap's inputs are configuration: their values, as kustomize reads them (generator-values.ts).
    const values: GeneratorValues = {};
    if (envRead.has(path)) values.env = envPairs(text, new Set(envCredentials(text, path)));
    const one = fileRead.has(path) ? fileValue(text, [...(dataKeys.get(path) ?? [])].some((k) => isGeneratorCredential(k.replace(/\.txt$/i, ''), text.trim(), path, isManifestFile(path)))) : undefined;
    if (one !== undefined) values.text = one;
    if (values.env || values.text !== undefined) configValues.set(path, values);
  };
  forEachInput(docs, (path, env, kfile) => read(path, env, kfile));
  return { plainKeys, plainCredentials, sopsDocs: sopsDocs.sort((a, b) => a.source.file.localeCompare(b.source.file)), envNotes: [...envNotes.values()].flat(), configValues };
}

/**
 * Every input of every generator of an active kustomization file (`disabledToo`: of one commented
 * out too), in order: its path, whether it is an `envs:` file, a `files:` entry's data key, and
 * whether a secretGenerator reads it.
 */
function forEachInput(docs: readonly RawDoc[], visit: (path: string, env: boolean, kfile: string, key: string | null, secret: boolean) => void, disabledToo = false): void {
  for (const d of docs) {
    if ((d.disabled && !disabledToo) || !KUSTOMIZATION_FILE.test(d.source.file)) continue;
    const body = obj(d.value);
    const dir = dirOf(d.source.file);
    const generators = [...arr(body.secretGenerator).map((g) => [g, true] as const), ...arr(body.configMapGenerator).map((g) => [g, false] as const)];
    for (const [g, secret] of generators) {
      for (const entry of arr(obj(g).files)) {
        const e = str(entry);
        const target = e === null ? null : generatorFile(dir, e);
        if (target) visit(target.path, false, d.source.file, target.key, secret);
      }
      for (const entry of [...arr(obj(g).envs), obj(g).env]) {
        const e = str(entry);
        const path = e === null ? null : generatorEnvFile(dir, e);
        if (path !== null) visit(path, true, d.source.file, null, secret);
      }
    }
  }
}

/**
 * A SOPS-encrypted generator input as a document: its key names (dotenv lines, JSON's top-level
 * keys) with the values redacted, and its sops block (dotenv's flattened `sops_age__list_0__map_recipient`
 * lines, JSON's `"sops"` object, INI's `[sops]` section). Null when the metadata cannot be read.
 */
function sopsDocument(path: string, text: string): RawDoc | null {
  // Entries as written: key, whether the value is SOPS ciphertext, line. Only SOPS's own formats are
  // read this way (JSON with a `sops` object, dotenv with `sops_version=`, INI with `[sops]`): any
  // other file is not split into "keys" (a PEM line ending in `=` is no key, and its text must not be shown).
  // With the key's path and the comment lines just before each of its keys, which choose what sops
  // encrypts as they do in YAML (sopsEncrypts).
  const entries: { key: string; path: string[]; comments: string[][]; encrypted: boolean; line: number }[] = [];
  let block: unknown = null;
  if (text.trimStart().startsWith('{')) {
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      block = json.sops;
      for (const [k, v] of Object.entries(json)) if (k !== 'sops') entries.push({ key: k, path: [k], comments: [], encrypted: typeof v === 'string' && v.startsWith('ENC['), line: 1 });
    } catch {
      return null;
    }
  } else {
    const ini = /^\[sops\]\s*$/m.test(text);
    if (!ini && !/^sops_version=/m.test(text)) return null;
    const flat: Record<string, string> = {};
    let section: string | null = null;
    let comments: string[] = [];
    let sectionComments: string[] = [];
    text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.trim();
      if (line.startsWith('#') || line.startsWith(';')) comments.push(line.slice(1));
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const sec = ini ? /^\[(.+)\]$/.exec(line) : null;
      if (sec) {
        section = sec[1]!;
        sectionComments = comments;
        comments = [];
        return;
      }
      const eq = line.indexOf('=');
      if (eq <= 0) return;
      const k = line.slice(0, eq).trim();
      const v = line.slice(eq + 1).trim();
      // INI's [sops] section holds the metadata without the prefix; dotenv prefixes it with sops_.
      if (section === 'sops') flat[k] = v;
      else if (section === null && !ini && k.startsWith('sops_')) flat[k.slice(5)] = v;
      else entries.push({ key: section === null ? k : `${section}.${k}`, path: section === null ? [k] : [section, k], comments: section === null ? [comments] : [sectionComments, comments], encrypted: v.startsWith('ENC['), line: i + 1 });
      comments = [];
    });
    block = unflatten(flat);
  }
  if (block === null || typeof block !== 'object') return null;
  const meta = extractSopsMeta(block);
  const value: Record<string, unknown> = {};
  const redactions: RawDoc['redactions'] = [];
  for (const e of entries) {
    if (e.encrypted) {
      // An encrypted entry's name is a name (SOPS keeps names in clear); a long or odd one is not shown.
      if (KEY_NAME.test(e.key)) setOwn(value, e.key, REDACTED);
    } else if (sopsEncrypts(meta, e.path, e.comments) !== false) {
      // Plain text where SOPS should have encrypted (SOPS_VALUE_NOT_ENCRYPTED): named when the name is an
      // environment variable's (`DB_PASSWORD`), else by its line, so that no stray text is shown as a name.
      redactions.push({ path: ENV_NAME.test(e.key) ? e.key : `line ${e.line}`, reason: 'secret-data', source: { file: path, line: e.line, col: 1 } });
    }
  }
  return { source: { file: path, line: 1, col: 1 }, value, disabled: null, sops: meta, redactions, lines: {} };
}

/** A key name as configuration files write them. */
const KEY_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
/** An environment variable's name, upper case: random text (base64) is practically never one. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/** SOPS's flattened metadata keys (`age__list_0__map_recipient`) back into the nested block. */
function unflatten(flat: Record<string, string>): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [key, v] of Object.entries(flat)) {
    const parts = key.split('__');
    let cur: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const list = /^list_(\d+)$/.exec(part);
      const name = list ? Number(list[1]) : part.startsWith('map_') ? part.slice(4) : part;
      const last = i === parts.length - 1;
      const next = parts[i + 1];
      if (typeof name === 'number' && name > 1000) break;
      const child = last ? v : next !== undefined && /^list_\d+$/.test(next) ? [] : (Object.create(null) as Record<string, unknown>);
      const holder = cur as Record<string | number, unknown>;
      if (holder[name as string] === undefined || last) holder[name as string] = child;
      cur = holder[name as string] as Record<string, unknown> | unknown[];
      if (typeof cur !== 'object' || cur === null) break;
    }
  }
  return root;
}
