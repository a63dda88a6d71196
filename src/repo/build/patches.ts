import { describeYamlError } from '../read-yaml.ts';
import { parseAllDocuments } from 'yaml';
import { arr, isObj, obj, setOwn, str, type Obj } from '../../model/values.ts';
import type { WorkDoc } from './work-doc.ts';
import { metaName } from './work-doc.ts';
import { isSelfReferential } from '../self-reference.ts';
import { scrubValue } from '../scrub-js.ts';
import { fileSource } from '../../model/source.ts';
import { applyOps } from './json-patch.ts';

/** A kustomize/Flux patch: strategic merge (a partial object) or JSON 6902 (a list of operations). */
export interface Patch {
  target: Obj | null;
  strategic: Obj | null;
  ops: Obj[] | null;
}

/** Parse `patch:` text (or an inline object) into a Patch; null with a reason when it cannot be read. */
export function readPatch(patch: unknown, target: unknown): { patch: Patch | null; error: string | null } {
  let value: unknown = patch;
  if (typeof patch === 'string') {
    const parsed = parsePatchText(patch);
    if ('error' in parsed) return { patch: null, error: parsed.error };
    value = parsed.value;
  }
  const t = isObj(target) ? target : null;
  if (Array.isArray(value)) return { patch: { target: t, strategic: null, ops: value.filter(isObj) }, error: null };
  if (isObj(value)) return { patch: { target: t, strategic: value, ops: null }, error: null };
  return { patch: null, error: 'patch is neither an object nor a list of operations' };
}

/**
 * Patch texts parsed, by text: a root's patches are applied to every child Kustomization's build,
 * and in dev every build runs again after each save (175 apps: 40 ms of a re-run parsing the same
 * few texts). The values are frozen: every reader treats a patch as read-only, and a writer would
 * throw instead of changing the patch for the next build. Bounded, oldest dropped first.
 */
const PARSED = new Map<string, { value: unknown } | { error: string }>();
const MAX_PARSED = 2_000;

function parsePatchText(text: string): { value: unknown } | { error: string } {
  const hit = PARSED.get(text);
  if (hit) return hit;
  const result = parseUncached(text);
  if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value!);
  PARSED.set(text, result);
  return result;
}

function parseUncached(text: string): { value: unknown } | { error: string } {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: true, logLevel: 'error' });
  if (!Array.isArray(docs) || docs.length === 0) return { error: 'empty patch' };
  const doc = docs[0]!;
  // Never the parser's own text: it quotes the patch, which may patch a Secret's values.
  if (doc.errors.length) return { error: `YAML ${describeYamlError(doc.errors[0]!)}` };
  try {
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (isSelfReferential(value)) return { error: 'an alias refers to the node that contains it, so the patch contains itself' };
    return { value: deepFreeze(value) };
  } catch (error) {
    return { error: error instanceof RangeError || /alias/i.test(String((error as Error)?.message)) ? 'too many aliases or too deep to convert' : 'the patch could not be converted' };
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Kubernetes label selector semantics, equality- and set-based (`k=v`, `k==v`, `k!=v`, `k`, `!k`,
 * `k in (a,b)`, `k notin (a,b)`): roots such as cluster-template's `cluster-apps` target their
 * children with `substitution.flux.home.arpa/disabled notin (true)`, and reading that as a plain key
 * made the patch (and its postBuild.substituteFrom) miss every child.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */
export function selectorMatches(selector: string | null, labels: Obj): boolean {
  if (!selector) return true;
  // Split on commas outside parentheses: `a in (x,y),b` is two requirements.
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.every((raw) => {
    const term = raw.trim();
    if (!term) return true;
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = set[3]!.split(',').map((v) => v.trim());
      const has = set[1]! in labels && values.includes(str(labels[set[1]!]) ?? '');
      return set[2] === 'in' ? has : !has;
    }
    const notEqual = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(term);
    if (notEqual) return str(labels[notEqual[1]!]) !== notEqual[2]!.trim();
    const equal = /^([^!=\s]+)\s*==?\s*(.*)$/.exec(term);
    if (equal) return equal[1]! in labels && str(labels[equal[1]!]) === equal[2]!.trim();
    if (term.startsWith('!')) return !(term.slice(1).trim() in labels);
    return term in labels;
  });
}

/** A target selector field as kustomize reads it: an anchored regex, and no constraint when empty. */
export function regexMatch(pattern: string | null, value: string | null): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value ?? '');
  } catch {
    return pattern === value;
  }
}

/**
 * A target's group, version and kind against an object's, each an anchored regex applied only when
 * set (kustomize's SelectorRegex.MatchGvk): `kind: Deployment|StatefulSet` selects both, and
 * `group: ""` selects any group, not only the core one.
 */
export function gvkSelects(t: Obj, gvk: { group: string; version: string; kind: string }): boolean {
  return regexMatch(str(t.group), gvk.group) && regexMatch(str(t.version), gvk.version) && regexMatch(str(t.kind), gvk.kind);
}

/** Whether a patch applies to a document (kustomize target selector semantics). */
export function patchTargets(p: Patch, d: WorkDoc): boolean {
  const t = p.target ?? (p.strategic ? { kind: p.strategic.kind, name: obj(p.strategic.metadata).name } : null);
  if (!t) return false;
  const meta = obj(d.body.metadata);
  return (
    gvkSelects(t, { group: d.group, version: d.apiVersion.slice(d.apiVersion.indexOf('/') + 1), kind: d.kind }) &&
    regexMatch(str(t.name), metaName(d)) &&
    regexMatch(str(t.namespace), d.ns ?? str(meta.namespace)) &&
    selectorMatches(str(t.labelSelector), obj(meta.labels)) &&
    selectorMatches(str(t.annotationSelector), obj(meta.annotations))
  );
}

/**
 * API groups of Kubernetes' own kinds, whose OpenAPI schema kustomize has: their lists merge by the
 * schema's patch merge key. Anything else (HelmRelease, Kustomization, every custom resource) has no
 * schema there, and a list in a patch replaces the object's list whole (checked against `kubectl
 * kustomize` 5.5: a HelmRelease's `values...env` and `dependsOn` are the patch's items only).
 */
const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'apiregistration.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io',
]);

/**
 * The patch merge keys of Kubernetes' schema for the lists patches touch (k8s.io/api `patchMergeKey`,
 * checked against `kubectl kustomize`); a list not named here is replaced. Some fields merge only in
 * some kinds: a ServiceAccount's `secrets` merge by name but its `imagePullSecrets` are replaced,
 * where a pod's merge. Ports merge by port and protocol (TCP where none is written).
 */
const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ['name'], initContainers: ['name'], ephemeralContainers: ['name'], env: ['name'], volumes: ['name'],
  volumeMounts: ['mountPath'], volumeDevices: ['devicePath'], hostAliases: ['ip'], topologySpreadConstraints: ['topologyKey'],
  ownerReferences: ['uid'],
};

interface MergeContext {
  builtin: boolean;
  kind: string;
}

/** The keys a list under `field` merges by, or null when the patch's list replaces it. */
function mergeKeysOf(field: string | null, ctx: MergeContext, items: readonly unknown[]): readonly string[] | null {
  if (!ctx.builtin || field === null) return null;
  let keys: readonly string[] | undefined;
  if (field === 'ports') keys = ctx.kind === 'Service' ? ['port', 'protocol'] : ['containerPort', 'protocol'];
  else if (field === 'imagePullSecrets') keys = ctx.kind === 'ServiceAccount' ? undefined : ['name'];
  else if (field === 'secrets') keys = ctx.kind === 'ServiceAccount' ? ['name'] : undefined;
  else if (field === 'webhooks') keys = /^(Validating|Mutating)WebhookConfiguration$/.test(ctx.kind) ? ['name'] : undefined;
  else keys = MERGE_KEYS[field];
  if (keys === undefined) return null;
  return items.every((i) => isObj(i) && i[keys[0]!] !== undefined && i[keys[0]!] !== null) ? keys : null;
}

/** Two list items are the same entry by these keys (`protocol` is TCP where it is not written). */
function sameEntry(a: Obj, b: Obj, keys: readonly string[]): boolean {
  return keys.every((k) => (k === 'protocol' ? (a[k] ?? 'TCP') === (b[k] ?? 'TCP') : a[k] === b[k]));
}

/**
 * Strategic merge as kustomize does it: maps merge (`null` deletes a key, `$patch: replace` /
 * `delete` replace or drop a map); a list of a Kubernetes kind with a patch merge key (containers and
 * env by `name`, volumeMounts by `mountPath`, a Service's ports by port and protocol ...) merges item by item
 * (`$patch: delete` drops one), the patch's items first and then the object's others, in their order;
 * every other list, and every list of a custom resource, is replaced by the patch's.
 */
function strategicMerge(base: unknown, patch: unknown, ctx: MergeContext, field: string | null = null): unknown {
  if (isObj(patch) && patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (isObj(base) && isObj(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      if (k === '$patch' || k.startsWith('$setElementOrder') || k === '$retainKeys') continue;
      if (v === null || (isObj(v) && v.$patch === 'delete')) delete out[k];
      else setOwn(out, k, Object.hasOwn(out, k) ? strategicMerge(out[k], v, ctx, k) : stripDirectives(v));
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch)) {
    // `- $patch: replace` as an item: the list is the patch's other items.
    if (patch.some((p) => isObj(p) && p.$patch === 'replace' && Object.keys(p).length === 1)) return stripDirectives(patch.filter((p) => !(isObj(p) && p.$patch === 'replace')));
    // metadata.finalizers: a set of names, the patch's first.
    if (ctx.builtin && field === 'finalizers' && [...base, ...patch].every((x) => typeof x === 'string')) return [...new Set([...patch, ...base])];
    const keys = mergeKeysOf(field, ctx, [...base, ...patch.filter((p) => !(isObj(p) && p.$patch === 'delete' && Object.keys(p).length === 1))]);
    if (keys === null) return stripDirectives(patch);
    // kyaml orders a ports list by its two keys where the patch writes the second (`protocol`) at all:
    // new items first, then the object's in their order; else as a one-key list, the patch's first.
    const byTwoKeys = keys.length > 1 && (patch as Obj[]).some((p) => p.$patch !== 'delete' && p[keys[1]!] !== undefined);
    const matched = new Map<number, Obj>();
    const added: unknown[] = [];
    const out: unknown[] = [];
    for (const p of patch as Obj[]) {
      const i = base.findIndex((b, j) => !matched.has(j) && isObj(b) && sameEntry(b, p, keys));
      if (i >= 0) matched.set(i, p);
      if (p.$patch === 'delete') continue;
      if (i < 0) added.push(stripDirectives(p));
      // One merge key (containers, env): the patch's items in its order, then the object's others.
      if (!byTwoKeys) out.push(i >= 0 ? strategicMerge(base[i], p, ctx) : stripDirectives(p));
    }
    if (byTwoKeys) {
      for (const a of added) out.push(a);
      base.forEach((b, j) => {
        const p = matched.get(j);
        if (!p) out.push(b);
        else if (p.$patch !== 'delete') out.push(strategicMerge(b, p, ctx));
      });
      return out;
    }
    base.forEach((b, j) => {
      if (!matched.has(j)) out.push(b);
    });
    return out;
  }
  return stripDirectives(patch);
}

/** A patch value added where the base has nothing: without `$patch` directives or null deletions. */
function stripDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((i) => !(isObj(i) && i.$patch === 'delete')).map(stripDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (k !== '$patch' && x !== null) setOwn(out, k, stripDirectives(x));
  return out;
}

/** Apply one patch to a document's body in place; returns an error text or null. */
export function applyPatch(p: Patch, d: WorkDoc): string | null {
  return applyPatchToBody(p, d.body);
}

/**
 * Apply one patch to an object's body in place; returns an error text or null. The patched body is
 * scrubbed again with the reader's rules (scrub-js.ts): a JSON 6902 operation's `value` (under the key
 * `value`, which says nothing) or a patch's one-line JSON may put a credential under a credential key
 * or into a Secret's data, where the reader never saw it (a token annotation added by a patch).
 */
export function applyPatchToBody(p: Patch, body: Obj): string | null {
  const error = patchBody(p, body);
  if (error === null) scrubValue(body, {}, PATCHED);
  return error;
}

const PATCHED = fileSource('');

function patchBody(p: Patch, body: Obj): string | null {
  if (p.ops) return applyOps(body, p.ops);
  // kustomize (5.5) leaves an object as it is under a patch whose top level says `$patch: replace`.
  if (p.strategic && p.strategic.$patch !== 'replace') {
    const { apiVersion: _a, kind: _k, ...rest } = p.strategic;
    const meta = obj(rest.metadata);
    const { name: _n, namespace: _ns, ...metaRest } = meta;
    const apiVersion = str(body.apiVersion) ?? '';
    const ctx = { builtin: BUILTIN_GROUPS.has(apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''), kind: str(body.kind) ?? '' };
    const merged = strategicMerge(body, { ...rest, ...(rest.metadata ? { metadata: metaRest } : {}) }, ctx);
    if (isObj(merged)) {
      for (const k of Object.keys(body)) delete body[k];
      Object.assign(body, merged);
    }
  }
  return null;
}

/** Patches a Flux Kustomization or a kustomization.yaml declares (`patches`, and the older fields). */
export function declaredPatches(body: Obj, inSpec: boolean): { inline: unknown; path: string | null; target: unknown }[] {
  const holder = inSpec ? obj(body.spec) : body;
  const out = arr(holder.patches).map((p) => ({ inline: isObj(p) ? p.patch : p, path: str(obj(p).path), target: obj(p).target }));
  if (!inSpec) {
    for (const p of arr(body.patchesStrategicMerge)) {
      const s = str(p);
      // A string entry is a file path unless it holds a whole YAML object inline.
      if (s !== null && !s.includes('\n')) out.push({ inline: undefined, path: s, target: undefined });
      else out.push({ inline: p, path: null, target: undefined });
    }
    for (const p of arr(body.patchesJson6902)) out.push({ inline: obj(p).patch, path: str(obj(p).path), target: obj(p).target });
  }
  return out;
}
