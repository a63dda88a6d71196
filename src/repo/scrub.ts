import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, Scalar, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { REDACTED, type Redaction, type SopsMeta } from '../model/raw-doc.ts';
import { rangeStart, type PosFn } from './doc-index.ts';
import { isCredentialKey, privateKeyIn } from '../model/credential-key.ts';
import { endpointOf, isEndpointKey, isReportableDocument } from './credential-judge.ts';
import { ENV_KEY, isCredentialFlag, normalVerdict, secretVerdict } from './scrub-rules.ts';
import { extractSopsMeta } from './sops-meta.ts';
import { sopsPlainPaths } from './sops-plain-paths.ts';

/** Charts' stock default passwords (Redaction.commonDefault). */
const STOCK_DEFAULT = /^(postgres|password|admin|root|mysql|mariadb|redis|secret|changeme|default)$/i;

export interface ScrubContext {
  file: string;
  docIndex?: number | undefined;
  pos: PosFn;
  /** From indexDocument: what each alias refers to. */
  aliasTargets: Map<Alias, Node>;
  maxAliasCount: number;
}

export interface ScrubResult {
  redactions: Redaction[];
  sops: SopsMeta | null;
}

type Mode = 'normal' | 'secret';
interface Item {
  node: unknown;
  path: string;
  key: string | null;
  mode: Mode;
  /** Node whose position a redaction reports (the alias at the point of use, for aliases). */
  at: unknown;
  /** Keys of the mapping this value sits in, and the key of that mapping in its parent. */
  siblings: readonly string[];
  parentKey: string | null;
  /** What an endpoint-like key of that mapping holds (credential-judge.ts endpointOf), or null. */
  endpoint?: string | null;
  /** A sequence item that follows a credential flag (`- --password` then `- hunter2`). */
  afterFlag?: boolean;
}

/**
 * Wipe secret values in a parsed document, on the AST, before toJS: nothing later in the pipeline
 * can leak a value it never received. Scalars are overwritten in place, so an alias of a wiped
 * anchor is wiped too. What is wiped:
 * - every value under `data` / `stringData` of a Secret, wherever the Secret sits (the document,
 *   an item of a `kind: List`, a manifest inside Helm values), and `spec.encryptedData` of a
 *   SealedSecret, except values that are only `${VAR}` placeholders: those are references to Flux
 *   substitutions, and the secrets inventory needs to tell a templated Secret from a leaked one;
 * - every `ENC[...]` string (SOPS ciphertext);
 * - literal values (strings and numbers) under credential-like keys anywhere else (see
 *   credential-key.ts), the `value` of an env entry whose `name` is credential-like, the item after
 *   a credential flag in a list (`--password`, `hunter2`);
 * - the credential part of longer strings (redact-inline.ts): URL user info and credential query
 *   keys, `password=` of DSN / ADO strings, `--password=` flags, htpasswd hashes, credential lines
 *   of embedded configuration files; kustomize `secretGenerator` literals;
 * - the whole top-level `sops:` block, after its recipients and metadata are kept.
 * Which wiped values are reported as HARDCODED_CREDENTIAL is decided apart (credential-judge.ts):
 * the wipe is broad, the finding precise.
 */
export function scrubDocument(doc: Document, ctx: ScrubContext): ScrubResult {
  const root = doc.contents as Node | null;
  const redactions: Redaction[] = [];
  let sops: SopsMeta | null = null;
  if (!root) return { redactions, sops };

  let referenceKeys = new Set<string>();
  let reportableDoc = isReportableDocument(ctx.file, null);
  let secretDoc = false;
  // In a SOPS-encrypted document, the values its own settings leave plain (read before the walk wipes them).
  let sopsPlain: Set<string> | null = null;
  if (isMap(root)) {
    sops = takeSopsBlock(doc, root, ctx.maxAliasCount);
    if (sops) sopsPlain = sopsPlainPaths(root, sops);
    const kind = scalarString(root, 'kind');
    const apiVersion = scalarString(root, 'apiVersion');
    secretDoc = kind === 'Secret' && (apiVersion === null || apiVersion === undefined || apiVersion === 'v1');
    // ExternalSecret `secretKey` names the key in the target Secret, not a value.
    if (/(^|\.)external-secrets\.io\//.test(apiVersion ?? '')) referenceKeys = new Set(['secretKey']);
    reportableDoc = isReportableDocument(ctx.file, { apiVersion, kind });
  }

  const redact = (scalar: Scalar, path: string, reason: Redaction['reason'], at: unknown, text: string | null = null, notBase64 = false): void => {
    const stock = reason === 'credential-literal' && typeof scalar.value === 'string' && STOCK_DEFAULT.test(scalar.value);
    const privateKey = reason === 'credential-literal' && typeof scalar.value === 'string' && privateKeyIn(scalar.value) !== null;
    scalar.value = text ?? REDACTED;
    delete scalar.source;
    delete scalar.tag;
    if (text !== null) scalar.type = 'QUOTE_DOUBLE';
    const { line, col } = ctx.pos(rangeStart(at));
    const source = ctx.docIndex === undefined ? { file: ctx.file, line, col } : { file: ctx.file, line, col, docIndex: ctx.docIndex };
    redactions.push({ path, reason, source, ...(stock ? { commonDefault: true as const } : {}), ...(privateKey ? { privateKey: true as const } : {}), ...(notBase64 ? { notBase64: true as const } : {}), ...(sopsPlain?.has(path) ? { sopsPlain: true as const } : {}) });
  };

  // Guards against alias cycles; a node may be visited once per mode.
  const seenNormal = new Set<Node>();
  const seenSecret = new Set<Node>();
  const stack: Item[] = [{ node: root, path: '', key: null, mode: 'normal', at: root, siblings: [], parentKey: null }];
  while (stack.length > 0) {
    const item = stack.pop() as Item;
    let node = item.node;
    const viaAlias = isAlias(node);
    if (viaAlias) node = ctx.aliasTargets.get(node as Alias);
    if (!node) continue;

    if (isScalar(node)) {
      const value = node.value;
      if (value === REDACTED || value === null || value === undefined) continue;
      if (item.mode === 'secret') {
        const v = secretVerdict(value, item.key);
        // (Of the document's own `data`: its values must be base64, or the API server refuses the Secret.)
        const notBase64 = secretDoc && v !== null && (v.reason === 'secret-data' || v.reason === 'secret-public') && DATA_KEY.test(item.path) && typeof value === 'string' && !isBase64(value);
        if (v) redact(node, item.path, v.reason, item.at, v.text, notBase64);
        continue;
      }
      const scalarCtx = { file: ctx.file, reportableDoc, referenceKeys, siblings: item.siblings, parentKey: item.parentKey, customTag: hasCustomTag(node), path: item.path, endpoint: item.endpoint ?? null };
      if (item.afterFlag && typeof value === 'string' && !value.startsWith('-') && !hasCustomTag(node)) {
        const v = normalVerdict(value, { ...scalarCtx, key: 'password' });
        if (v && v.text === null) {
          redact(node, item.path, v.reason, item.at);
          continue;
        }
      }
      if (typeof value === 'string' && PATCH_PATH.test(item.path) && (value.includes('\n') || /^\s*[[{]/.test(value))) {
        const inner = scrubPatchText(value, ctx, targetMayBeSecret(doc, item.path));
        if (inner) {
          for (const r of inner.reasons) redact(node, `${item.path}>${r.path}`, r.reason, item.at, inner.text);
          continue;
        }
      }
      const v = normalVerdict(value, { ...scalarCtx, key: item.key });
      if (v) redact(node, item.path, v.reason, item.at, v.text);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    // A collection reached through an alias was (or will be) scrubbed where it is defined; it
    // needs another pass only when it lands under Secret data, where every value goes.
    if (viaAlias && item.mode === 'normal') continue;
    const seen = item.mode === 'secret' ? seenSecret : seenNormal;
    if (seen.has(node)) continue;
    seen.add(node);

    const children: Item[] = [];
    if (isMap(node)) {
      if (item.mode === 'normal') envEntry(node, item.path, redact, { file: ctx.file, reportableDoc, referenceKeys });
      const secretChildren = item.mode === 'normal' ? secretFieldsOf(node, item.key) : null;
      const siblings = node.items.flatMap((p) => (isPair(p) && isScalar(p.key) ? [String(p.key.value)] : []));
      // (Read only in a mapping that has such a key: every mapping of every document passes here.)
      const endpoint = siblings.some(isEndpointKey) ? endpointOf(node.items.flatMap((p) => (isPair(p) && isScalar(p.key) && isScalar(p.value) ? [[String(p.key.value), p.value.value] as const] : []))) : null;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        // A map or list written as a key (`token: {{ ghp_x }}` without quotes reads as a map whose
        // key is a map) would become that text as an object key: wiped, whatever it holds.
        if (isMap(pair.key) || isSeq(pair.key)) {
          const at = pair.key;
          pair.key = new Scalar(REDACTED);
          const { line, col } = ctx.pos(rangeStart(at));
          redactions.push({ path: item.path, reason: 'credential-like', source: ctx.docIndex === undefined ? { file: ctx.file, line, col } : { file: ctx.file, line, col, docIndex: ctx.docIndex } });
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : null;
        const path = key === null ? item.path : item.path === '' ? key : `${item.path}.${key}`;
        const mode: Mode = item.mode === 'secret' || (key !== null && secretChildren?.has(key) === true) ? 'secret' : 'normal';
        const child: Item = { node: pair.value, path, key, mode, at: pair.value, siblings, parentKey: item.key, endpoint };
        // A SealedSecret's `spec` carries `encryptedData` one level down.
        if (key === 'spec' && secretChildren?.has('spec.encryptedData')) child.key = SEALED_SPEC;
        children.push(child);
      }
    } else {
      let flag = false;
      node.items.forEach((child, i) => {
        const path = item.path === '' ? String(i) : `${item.path}.${i}`;
        children.push({ node: child, path, key: null, mode: item.mode, at: child, siblings: [], parentKey: item.key, afterFlag: flag && item.mode === 'normal' });
        flag = isScalar(child) && isCredentialFlag(child.value);
      });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Item);
  }
  return { redactions, sops };
}

/**
 * Inline kustomize / Flux patches (`patches[].patch: |`, `patchesStrategicMerge[]`) are YAML in a
 * string: a patch of a Secret carries its values there, out of the scrub's sight. The text is
 * parsed, scrubbed like a document, and written back; unreadable text is left to the inline rules.
 */
const PATCH_PATH = /(^|\.)(patches\.\d+\.patch|patchesStrategicMerge\.\d+)$/;

/**
 * Whether the patch at `path` (`patches.2.patch`, `spec.patches.0.patch`) may select a Secret: its
 * target's kind is absent, or a pattern (kustomize reads it as an anchored regex) that matches Secret.
 */
function targetMayBeSecret(doc: Document, path: string): 'yes' | 'no' | 'unknown' {
  const at = path.split('.').slice(0, -1).map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
  const kind = doc.getIn([...at, 'target', 'kind']);
  if (typeof kind !== 'string' || kind === '') return 'unknown';
  try {
    return new RegExp(`^(?:${kind})$`).test('Secret') ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
}

function scrubPatchText(text: string, ctx: ScrubContext, mayBeSecret: 'yes' | 'no' | 'unknown' = 'unknown'): { text: string; reasons: Omit<Redaction, 'source'>[] } | null {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'error' }) as Document.Parsed[];
  } catch {
    return null;
  }
  if (!Array.isArray(docs) || docs.length === 0 || docs.some((d) => d.errors.length > 0)) return null;
  const reasons: Omit<Redaction, 'source'>[] = [];
  for (const doc of docs) {
    const inner = scrubDocument(doc, { ...ctx, aliasTargets: new Map(), pos: () => ({ line: 1, col: 1 }) });
    for (const r of inner.redactions) reasons.push({ path: r.path, reason: r.reason });
    if (isSeq(doc.contents)) for (const r of scrubOperations(doc.contents.items, ctx.file, mayBeSecret)) reasons.push(r);
  }
  if (reasons.length === 0) return null;
  return { text: docs.map((d) => d.toString({ lineWidth: 0 })).join('---\n'), reasons };
}

/**
 * JSON 6902 operations (`- op: add / path: /metadata/annotations/token / value: x`): a value's key is
 * the last segment of its path, which the document walk above never sees (it sees `value`). A value
 * under a credential key is judged as the reader judges it there; one written under `/data` or
 * `/stringData` of a patch whose target may be a Secret is wiped whole.
 */
function scrubOperations(items: readonly unknown[], file: string, mayBeSecret: 'yes' | 'no' | 'unknown'): Omit<Redaction, 'source'>[] {
  const reasons: Omit<Redaction, 'source'>[] = [];
  items.forEach((op, i) => {
    if (!isMap(op)) return;
    const path = scalarString(op, 'path');
    const pair = op.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'value');
    if (path === null || !pair || !isPair(pair) || pair.value === null) return;
    const segments = path.split('/').map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'));
    const key = segments.at(-1) ?? '';
    // A target without a kind (by name only) may be a ConfigMap, whose data are facts: there only what
    // a ConfigMap cannot hold (stringData) or what reads as a Secret's base64 is wiped; the patched
    // body is scrubbed again once its kind is known (applyPatchToBody).
    const b64 = isScalar(pair.value) && typeof pair.value.value === 'string' && /^[A-Za-z0-9+/]{8,}={0,2}$/.test(pair.value.value);
    const secretData =
      (mayBeSecret === 'yes' && (segments[1] === 'data' || segments[1] === 'stringData')) ||
      (mayBeSecret === 'unknown' && (segments[1] === 'stringData' || (segments[1] === 'data' && (segments.length > 2 ? b64 : true))));
    const wipe = (node: unknown, reason: Redaction['reason']): void => {
      if (isScalar(node) && node.value !== null && node.value !== REDACTED) {
        node.value = REDACTED;
        delete node.source;
        reasons.push({ path: `${i}.value`, reason });
      } else if (isMap(node) || isSeq(node)) for (const child of node.items) wipe(isPair(child) ? child.value : child, reason);
    };
    if (secretData) return wipe(pair.value, 'secret-data');
    if (!isScalar(pair.value)) return;
    const verdict = normalVerdict(pair.value.value, { file, reportableDoc: false, referenceKeys: new Set(), key, siblings: [], parentKey: null, customTag: false, path: `${i}.value` });
    if (!verdict) return;
    if (verdict.text === null) wipe(pair.value, verdict.reason);
    else {
      pair.value.value = verdict.text;
      delete pair.value.source;
      reasons.push({ path: `${i}.value`, reason: verdict.reason });
    }
  });
  return reasons;
}

/** Marks the `spec` of a SealedSecret while it is walked, so its `encryptedData` is wiped whole. */
const SEALED_SPEC = '\0sealed-spec';

/** Which children of this mapping hold Secret values: a Secret's data, a SealedSecret's spec.encryptedData. */
function secretFieldsOf(map: YAMLMap, key: string | null): Set<string> | null {
  if (key === SEALED_SPEC) return new Set(['encryptedData']);
  // A key written twice (`kind: ConfigMap` then `kind: Secret`) is read by the parser's last value:
  // any Secret among them makes the map a Secret here, so no reading of it keeps a value.
  const kinds = scalarStrings(map, 'kind');
  const versions = scalarStrings(map, 'apiVersion');
  if (kinds.includes('Secret') && (versions.length === 0 || versions.includes('v1'))) return new Set(['data', 'stringData']);
  if (kinds.includes('SealedSecret')) return new Set(['spec.encryptedData']);
  return null;
}

/** Every string value of a key in a map (a duplicated key has several). */
function scalarStrings(map: YAMLMap, key: string): string[] {
  const out: string[] = [];
  for (const p of map.items) if (isPair(p) && isScalar(p.key) && p.key.value === key && isScalar(p.value) && typeof p.value.value === 'string') out.push(p.value.value);
  return out;
}

/** `- name: DB_PASSWORD\n  value: hunter2`: the value of a credential-like env var. */
function envEntry(
  map: YAMLMap,
  path: string,
  redact: (s: Scalar, p: string, r: Redaction['reason'], at: unknown) => void,
  ctx: { file: string; reportableDoc: boolean; referenceKeys: ReadonlySet<string> },
): void {
  if (map.items.length > 4) return; // env entries are tiny; skip big maps cheaply
  let name: unknown;
  let valuePair: { value: unknown } | undefined;
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    if (pair.key.value === 'name' && isScalar(pair.value)) name = pair.value.value;
    if (pair.key.value === 'value') valuePair = pair;
  }
  if (typeof name !== 'string' || !valuePair || !isScalar(valuePair.value)) return;
  const scalar = valuePair.value;
  if (hasCustomTag(scalar) || (!isCredentialKey(name) && !ENV_KEY.test(name))) return;
  const v = normalVerdict(scalar.value, { ...ctx, key: name, siblings: [], parentKey: null, customTag: false, path: '' });
  if (v && v.text === null) redact(scalar, path === '' ? 'value' : `${path}.value`, v.reason, scalar);
}

/** Remove the top-level `sops:` mapping, keeping only its metadata. */
function takeSopsBlock(doc: Document, root: YAMLMap, maxAliasCount: number): SopsMeta | null {
  // A real SOPS block carries its bookkeeping (mac, version, lastmodified); a `sops:` key of some
  // other file (atlas.config.yaml's recipient names) is configuration, not encryption metadata.
  const i = root.items.findIndex(
    (p) => isPair(p) && isScalar(p.key) && p.key.value === 'sops' && isMap(p.value) && p.value.items.some((q) => isPair(q) && isScalar(q.key) && ['mac', 'version', 'lastmodified'].includes(String(q.key.value))),
  );
  if (i === -1) return null;
  const block = root.items[i]?.value as Node;
  let meta: SopsMeta;
  try {
    meta = extractSopsMeta(block.toJS(doc, { maxAliasCount }));
  } catch {
    meta = extractSopsMeta(null);
  }
  root.items.splice(i, 1);
  return meta;
}

function scalarString(map: YAMLMap, key: string): string | null {
  // The last of a key written twice, as the parser's toJS() reads it.
  return scalarStrings(map, key).at(-1) ?? null;
}

/** `api_key: !env_var SONARR_API_KEY`, `password: !secret db_password`: an application-level reference. */
function hasCustomTag(node: Scalar): boolean {
  return typeof node.tag === 'string' && !node.tag.startsWith('tag:yaml.org,2002:');
}

const DATA_KEY = /^data\.[^.]+$/;

/**
 * Base64 as the API server decodes a Secret's `data` (Go's standard encoding, with padding; line breaks
 * are ignored, so a folded block of base64 is fine). Bounded: a linear pass, no backtracking.
 */
export function isBase64(value: string): boolean {
  const v = value.replace(/[\r\n]/g, '');
  return v.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v);
}
