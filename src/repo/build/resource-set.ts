/**
 * What a Flux Operator ResourceSet makes, where every input is in the repository
 * (https://fluxcd.control-plane.io/operator/resourceset/): its input sets (spec.inputs, and the
 * defaultValues of Static ResourceSetInputProviders it names, flattened or permuted as
 * spec.inputStrategy says), each of spec.resources and spec.resourcesTemplate filled in per input set
 * (go-template.ts), deduplicated by group, kind, namespace and name as the operator does, with its
 * commonMetadata. Where an input is only known in the cluster (a GitHub pull request, an OCI tag)
 * or a template uses what the site does not run, it says why and makes nothing.
 */
import { parseAllDocuments } from 'yaml';
import { splitApiVersion } from '../../model/k8s-object.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import { arr, isObj, obj, str, type Obj } from '../../model/values.ts';
import { renderTemplate, Unknown } from './go-template.ts';
import { isClusterScoped } from './work-doc.ts';

/**
 * One object a ResourceSet makes, the key of the spec entry that writes it (for its line), and the
 * input set that makes it (its index; null where several make it, a source they share).
 */
interface MadeObject {
  body: Obj;
  at: string;
  input: number | null;
}

export type Expansion = { ok: true; objects: MadeObject[] } | { ok: false; why: string };

/** A ResourceSetInputProvider of the ResourceSet's namespace, as the repository writes it. */
export interface ProviderDoc {
  name: string;
  labels: Record<string, unknown>;
  body: Obj;
}

const GROUP_VERSION = 'fluxcd.controlplane.io/v1';
/** The operator's cap on permutations (internal/inputs/permuter.go), and ours on what one set makes. */
const MAX_INPUTS = 10_000;
const MAX_OBJECTS = 1_000;

/** What the ResourceSet (its body as Flux applies it, in `namespace`) makes, or why that is not known. */
export function expandResourceSet(body: Obj, namespace: string, providers: readonly ProviderDoc[]): Expansion {
  const spec = obj(body.spec);
  const name = str(obj(body.metadata).name) ?? '';
  if (arr(spec.steps).length > 0) return { ok: false, why: 'it uses spec.steps, which the site does not expand' };
  const sets = inputSets(spec, name, namespace, providers);
  if (!sets.ok) return sets;
  const objects: MadeObject[] = [];
  const seen = new Map<string, MadeObject>();
  const add = (o: Obj, at: string, input: number | null): string | null => {
    const meta = obj(o.metadata);
    if (str(obj(meta.annotations)['fluxcd.controlplane.io/reconcile'])?.toLowerCase() === 'disabled') return null;
    const apiVersion = str(o.apiVersion);
    const kind = str(o.kind);
    const objName = str(meta.name);
    if (!apiVersion || !kind || !objName) return `${at} makes an object without apiVersion, kind or metadata.name`;
    const key = [splitApiVersion(apiVersion).group, kind, str(meta.namespace) ?? '', objName].join('/');
    const again = seen.get(key);
    if (again) {
      if (again.input !== input) again.input = null;
      return null;
    }
    if (objects.length >= MAX_OBJECTS) return `it would make more than ${MAX_OBJECTS} objects`;
    const made = { body: finish(o, spec, name, namespace), at, input };
    seen.set(key, made);
    objects.push(made);
    return null;
  };
  // No input sets at all (none written, no provider): each template once, without inputs. A provider
  // that gives none makes nothing (the operator applies an empty set).
  const runs = sets.inputs.length === 0 && arr(spec.inputsFrom).length === 0 ? [null] : sets.inputs;
  for (const [i, r] of arr(spec.resources).entries()) {
    const text = templateYaml(r, 0);
    for (const [n, input] of runs.entries()) {
      const out = renderTemplate(text, input);
      if (!out.ok) return { ok: false, why: `spec.resources[${i}] cannot be filled in, because ${out.why}` };
      const docs = readYaml(out.text);
      if (docs === null || docs.length !== 1) return { ok: false, why: `spec.resources[${i}] is no one YAML object once filled in (the operator's build fails)` };
      const why = add(docs[0]!, `spec.resources.${i}`, n);
      if (why) return { ok: false, why };
    }
  }
  const template = str(spec.resourcesTemplate);
  if (template !== null) {
    for (const [n, input] of runs.entries()) {
      const out = renderTemplate(template, input);
      if (!out.ok) return { ok: false, why: `its resourcesTemplate cannot be filled in, because ${out.why}` };
      const docs = readYaml(out.text);
      if (docs === null) return { ok: false, why: "its resourcesTemplate is no YAML once filled in (the operator's build fails)" };
      for (const d of docs) {
        const why = add(d, 'spec.resourcesTemplate', n);
        if (why) return { ok: false, why };
      }
    }
  }
  return { ok: true, objects };
}

type InputSet = Record<string, unknown>;

/** The input sets the operator computes (internal/inputs: Flatten or Permute), or why they are not known here. */
function inputSets(spec: Obj, name: string, namespace: string, providers: readonly ProviderDoc[]): { ok: true; inputs: InputSet[] } | { ok: false; why: string } {
  const provider = (kind: string, n: string) => ({ apiVersion: GROUP_VERSION, kind, name: n, namespace });
  // `inputs.id` is a checksum of the provider's UID (or of the set's place): made in the cluster.
  const inline: InputSet[] = [];
  for (const i of arr(spec.inputs)) {
    if (!isObj(i)) return { ok: false, why: 'an item of spec.inputs is no map' };
    inline.push({ ...i, id: new Unknown('it reads inputs.id, which the operator computes in the cluster'), provider: provider('ResourceSet', name) });
  }
  const groups: { name: string; inputs: InputSet[] }[] = [{ name, inputs: inline }];
  const chosen = new Map<string, ProviderDoc>();
  for (const ref of arr(spec.inputsFrom)) {
    const r = obj(ref);
    const refName = str(r.name);
    const selector = obj(r.selector);
    if (refName !== null) {
      const p = providers.find((d) => d.name === refName);
      if (!p) return { ok: false, why: `its inputsFrom names ResourceSetInputProvider ${refName}, which the repository does not hold in namespace ${namespace}` };
      chosen.set(p.name, p);
    } else if (Object.keys(selector).length > 0) {
      if (arr(selector.matchExpressions).length > 0) return { ok: false, why: 'its inputsFrom selects providers with matchExpressions, which the site does not read' };
      const want = Object.entries(obj(selector.matchLabels));
      for (const p of providers) if (want.every(([k, v]) => p.labels[k] === v)) chosen.set(p.name, p);
    } else return { ok: false, why: 'an entry of its inputsFrom has neither name nor selector' };
  }
  for (const p of [...chosen.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const pspec = obj(p.body.spec);
    const type = str(pspec.type) ?? '?';
    if (type !== 'Static') return { ok: false, why: `its inputs come from ResourceSetInputProvider ${p.name} of type ${type}, which the operator fetches in the cluster` };
    if (str(obj(obj(p.body.metadata).annotations)['fluxcd.controlplane.io/reconcile'])?.toLowerCase() === 'disabled') return { ok: false, why: `ResourceSetInputProvider ${p.name} is not reconciled (fluxcd.controlplane.io/reconcile: disabled), so its inputs are what the cluster last saw` };
    const defaults = obj(pspec.defaultValues);
    groups.push({ name: p.name, inputs: [{ ...defaults, id: new Unknown(`it reads inputs.id, which the operator derives from the UID of ResourceSetInputProvider ${p.name} in the cluster`), provider: provider('ResourceSetInputProvider', p.name) }] });
  }
  const strategy = str(obj(spec.inputStrategy).name) ?? 'Flatten';
  if (strategy === 'Flatten') return { ok: true, inputs: groups.flatMap((g) => g.inputs) };
  if (strategy !== 'Permute') return { ok: false, why: `its inputStrategy ${strategy} is none the operator knows` };
  // Permute: the product of each provider's sets, each under its normalised name, with an id of the choice.
  const withEmpty = obj(spec.inputStrategy).includeEmptyProviders === true;
  const used = groups.filter((g) => withEmpty || g.inputs.length > 0).map((g) => ({ key: normalise(g.name), inputs: g.inputs }));
  if (used.length === 0) return { ok: true, inputs: [] };
  if (used.reduce((n, g) => n * g.inputs.length, 1) > MAX_INPUTS) return { ok: false, why: `its permuted inputs exceed the operator's ${MAX_INPUTS}` };
  let out: { set: InputSet; ids: string[] }[] = [{ set: {}, ids: [] }];
  for (const g of used) out = out.flatMap((o) => g.inputs.map((inp, i) => ({ set: { ...o.set, [g.key]: inp }, ids: [...o.ids, `${g.key}=${i}`] })));
  return { ok: true, inputs: out.map((o) => ({ ...o.set, id: String(adler32(o.ids.join('/'))) })) };
}

/** The operator's normalised provider name (internal/inputs/permuter.go normalizeObjectName). */
function normalise(name: string): string {
  return name.toLowerCase().replace(/-/g, '_').replace(/[^a-z0-9_]/g, '').split('_').filter(Boolean).join('_');
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The object as the operator applies it: commonMetadata, its owner labels, a namespace, no secret values. */
function finish(o: Obj, spec: Obj, name: string, namespace: string): Obj {
  const meta = obj(o.metadata);
  const common = obj(spec.commonMetadata);
  const labels = { ...obj(meta.labels), ...obj(common.labels), 'resourceset.fluxcd.controlplane.io/name': name, 'resourceset.fluxcd.controlplane.io/namespace': namespace };
  const annotations = { ...obj(meta.annotations), ...obj(common.annotations) };
  const kind = str(o.kind) ?? '';
  // An object the template leaves without a namespace is made in the ResourceSet's own.
  const ns = isClusterScoped(kind) ? {} : { namespace: str(meta.namespace) ?? namespace };
  const out: Obj = { ...o, metadata: { ...meta, ...ns, labels, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) } };
  // A template's Secret values are wiped as a manifest's are when read (scrub.ts): names and keys only.
  if (kind === 'Secret' && splitApiVersion(str(o.apiVersion) ?? '').group === '') {
    for (const key of ['data', 'stringData']) if (isObj(o[key])) out[key] = Object.fromEntries(Object.keys(o[key]).map((k) => [k, REDACTED]));
  }
  return out;
}

/** The documents of a filled-in text, or null where YAML refuses it. */
function readYaml(text: string): Obj[] | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return null;
  const out: Obj[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) return null;
    const v: unknown = d.toJS({ maxAliasCount: 100 });
    if (v === null || v === undefined) continue;
    if (!isObj(v)) return null;
    out.push(v);
  }
  return out;
}

/**
 * A resource of spec.resources as the operator templates it: JSON turned into YAML text
 * (sigs.k8s.io/yaml). A string that holds `<<` is written plain where YAML allows (as go-yaml
 * writes `name: podinfo-<< inputs.tenant >>`), so what the template writes (`<< x | int >>`,
 * `<< x | toYaml | nindent 4 >>`) is read as YAML; any other value is written so that it reads back the same.
 */
function templateYaml(v: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return v.map((x) => `\n${pad}- ${block(x, indent + 2).trimStart()}`).join('');
  }
  if (isObj(v)) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) return '{}';
    return keys.map((k) => `\n${pad}${scalar(k, indent)}:${valueAfterKey(v[k], indent)}`).join('');
  }
  return scalar(v, indent);
}

function block(v: unknown, indent: number): string {
  const text = templateYaml(v, indent);
  return text.startsWith('\n') ? text.slice(1) : text;
}

function valueAfterKey(v: unknown, indent: number): string {
  if ((Array.isArray(v) && v.length > 0) || (isObj(v) && Object.keys(v).length > 0)) return templateYaml(v, Array.isArray(v) ? indent : indent + 2);
  return ` ${scalar(v, indent + 2)}`;
}

function scalar(v: unknown, indent: number): string {
  if (typeof v !== 'string') return JSON.stringify(v ?? null);
  if (!v.includes('<<')) return JSON.stringify(v);
  if (v.includes('\n')) {
    const pad = ' '.repeat(indent);
    const body = v.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : pad + l)).join('\n');
    return `|${v.endsWith('\n') ? '' : '-'}\n${body}`;
  }
  const plain = !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) && !/\s$/.test(v) && !/: |:$| #/.test(v);
  return plain ? v : `'${v.replace(/'/g, "''")}'`;
}
