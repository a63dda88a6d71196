import { REDACTED } from '../../model/raw-doc.ts';
import { arr, bool, isObj, obj, str, type Obj } from '../../model/values.ts';
import type { ProblemSink } from './kustomize-problems.ts';
import { metadataOf, resKind, resName, type KResource } from './kustomize-resource.ts';
import type { WorkDoc } from './work-doc.ts';
import { generatorEntry, generatorEnvFile, generatorFile } from './generator-files.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf } from './paths.ts';

/**
 * configMapGenerator and secretGenerator
 * (https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/configmapgenerator/).
 * The object's name is the generator's; kustomize appends a hash of the content at the end of the
 * build unless `disableNameSuffixHash` (here `hashSuffix`). A ConfigMap's data comes from literals,
 * file entries (`key=path` or the file's base name) and env files, with the values the scan read of
 * them (KustomizeTree.generatorValues); what it did not read is KResource.unknownData. A Secret's
 * data keys come from literals and file entries, its values never (REDACTED).
 */
/**
 * Whether kustomize appends a hash of the content to a generator's name: not where
 * `disableNameSuffixHash: true` is set in the kustomization's generatorOptions or in the generator's
 * own options (either wins). The one rule the build, the values lookup and substituteFrom read.
 */
export function hashesName(kustomization: Readonly<Record<string, unknown>>, generator: unknown): boolean {
  return bool(obj(kustomization.generatorOptions).disableNameSuffixHash) !== true && bool(obj(obj(generator).options).disableNameSuffixHash) !== true;
}

export function runGenerators(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, tree: KustomizeTree): void {
  const global = obj(kdoc.body.generatorOptions);
  const gens: [string, unknown, string][] = [
    ...arr(kdoc.body.configMapGenerator).map((g, i): [string, unknown, string] => ['ConfigMap', g, `configMapGenerator.${i}`]),
    ...arr(kdoc.body.secretGenerator).map((g, i): [string, unknown, string] => ['Secret', g, `secretGenerator.${i}`]),
  ];
  for (const [kind, g, at] of gens) {
    if (!isObj(g)) continue;
    const name = str(g.name);
    if (!name) continue;
    const noHash = !hashesName(kdoc.body, g);
    const options = { ...global, ...obj(g.options) };
    const labels = { ...obj(global.labels), ...obj(obj(g.options).labels) };
    const annotations = { ...obj(global.annotations), ...obj(obj(g.options).annotations) };
    const { data, unknown } = dataOf(g, kind === 'Secret', dirOf(kdoc.file), tree);
    const ns = str(g.namespace) || null;
    const behavior = str(g.behavior) ?? 'create';
    // kustomize matches the base by the namespace it was read with (a base kustomization's own
    // `namespace:` does not count), an unset one read as `default`: a generator without one merges
    // into a base ConfigMap of `default` or of none, not into one written in `media`.
    const base = ra.find((r) => resKind(r) === kind && (r.body.apiVersion ?? 'v1') === 'v1' && (resName(r) === name || r.orgName === name) && (r.orgNs ?? 'default') === (ns ?? 'default'));
    // The generator's own entry, else its list.
    const line = kdoc.raw.lines[at] ?? kdoc.raw.lines[at.split('.')[0]!] ?? kdoc.raw.source.line;
    if (behavior !== 'merge' && behavior !== 'replace' && base && !base.unbuilt && !base.idUnknown) {
      // A generator of the default behavior (create) beside an object of its kind and name already in
      // the build (a base's generator of the same name, a listed manifest): kustomize stops ("id ...
      // exists; behavior must be merge or replace"), so Flux applies nothing of the Kustomization.
      const from = base.generated ? `a generator of ${base.file}` : base.file;
      sink.add('ID_CONFLICT', kdoc.file, line, `${kind} generator "${name}" makes a ${kind} "${name}" the build already has (from ${from}); kustomize refuses a second one ("behavior must be merge or replace").`);
      continue;
    }
    if (behavior === 'merge' || behavior === 'replace') {
      if (!base) {
        sink.add('GENERATOR_NO_BASE', kdoc.file, line, `${kind} generator "${name}" with behavior ${behavior} has no ${kind} "${name}" to ${behavior} in the resources.`);
        continue;
      }
      base.body.data = behavior === 'merge' ? { ...obj(base.body.data), ...data } : data;
      const unknownData = behavior === 'merge' ? mergedUnknown(base, data, unknown) : unknown;
      if (unknownData.size > 0) base.unknownData = unknownData;
      else delete base.unknownData;
      const meta = metadataOf(base);
      if (Object.keys(labels).length) meta.labels = { ...obj(meta.labels), ...labels };
      if (Object.keys(annotations).length) meta.annotations = { ...obj(meta.annotations), ...annotations };
      // An overlay's `disableNameSuffixHash: true` drops the base's suffix; a plain merge keeps what the
      // base had, and adds none to a base without one (checked with kubectl kustomize 5.5).
      base.hashSuffix = !noHash && base.hashSuffix;
      continue;
    }
    const metadata: Obj = { name };
    if (ns) metadata.namespace = ns;
    if (Object.keys(labels).length) metadata.labels = labels;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    const body: Obj = { apiVersion: 'v1', kind, metadata };
    if (kind === 'Secret') body.type = str(g.type) ?? 'Opaque';
    body.data = data;
    if (bool(options.immutable) === true) body.immutable = true;
    ra.push({
      doc: null,
      file: kdoc.file,
      body,
      orgName: name,
      orgNs: ns,
      history: [],
      generated: true,
      hashSuffix: !noHash,
      componentOf: null,
      ...(unknown.size > 0 ? { unknownData: unknown } : {}),
    });
  }
}

/**
 * The data keys of a base a `behavior: merge` generator changes whose values are not known: the
 * base's, less those the generator sets to a known value, plus the generator's own; where an env file
 * of the generator was not read, it may set any key of the base.
 */
function mergedUnknown(base: KResource, data: Obj, unknown: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(base.unknownData ?? []);
  for (const key of Object.keys(data)) out.delete(key);
  const any = unknown.get('*');
  if (any !== undefined) for (const key of Object.keys(obj(base.body.data))) if (!Object.hasOwn(data, key)) out.set(key, any);
  for (const [key, why] of unknown) out.set(key, why);
  return out;
}

/**
 * A generator's data, and for a ConfigMap the keys whose values are not known, each with why (`*`: an
 * env file whose keys are not known either). A Secret's values are REDACTED, whatever was read.
 */
function dataOf(g: Obj, secret: boolean, dir: string, tree: KustomizeTree): { data: Obj; unknown: Map<string, string> } {
  const data: Obj = {};
  const unknown = new Map<string, string>();
  const why = (entry: string, path: string | null) =>
    path === null ? `${entry} is not a file of the repository` : tree.isThere(path) ? `${path} is not read for its values (only a ConfigMap's plain env files and one-line files are)` : `${path} is not in the repository`;
  for (const l of arr(g.literals)) {
    const s = str(l);
    if (s === null) continue;
    const eq = s.indexOf('=');
    if (eq <= 0) continue;
    data[s.slice(0, eq)] = secret ? REDACTED : unquote(s.slice(eq + 1));
  }
  for (const f of arr(g.files)) {
    const s = str(f);
    if (s === null) continue;
    const { key } = generatorEntry(s);
    if (secret) {
      data[key] = REDACTED;
      continue;
    }
    const path = generatorFile(dir, s)?.path ?? null;
    const text = path === null ? undefined : tree.generatorValues.get(path)?.text;
    // (Where the file was not read, the key is known and the value is not.)
    data[key] = text ?? '';
    if (text === undefined) unknown.set(key, why(s, path));
  }
  if (!secret) {
    for (const e of [...arr(g.envs), g.env]) {
      const s = str(e);
      if (s === null) continue;
      const path = generatorEnvFile(dir, s);
      const pairs = path === null ? undefined : tree.generatorValues.get(path)?.env;
      if (pairs) for (const [key, value] of pairs) data[key] = value;
      else unknown.set('*', why(s, path));
    }
  }
  return { data, unknown };
}

/** A literal's value as kustomize takes it: without one pair of quotes around it. */
export function unquote(v: string): string {
  return v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) ? v.slice(1, -1) : v;
}
