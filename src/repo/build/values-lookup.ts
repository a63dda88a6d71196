import { parse } from 'yaml';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import type { ValuesLookup } from '../extract/helm-release.ts';
import { scrubValue } from '../scrub-js.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import { generatorOrder, layersOf, type GeneratorLayer } from './generator-layers.ts';
import { arr, isObj, obj, str, type Obj } from '../../model/values.ts';
import { explicitNs, metaName, type WorkDoc } from './work-doc.ts';
import { isSelfReferential } from '../self-reference.ts';
import { secretsMadeBy } from '../extract/secrets.ts';
import { unquote } from './kustomize-generators.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import type { Source } from '../../model/source.ts';

/**
 * Find the values a HelmRelease's `valuesFrom` names: a ConfigMap in the repo (its key parsed as
 * YAML and scrubbed like any document), or a `configMapGenerator` whose file is in the repo (the usual
 * `values.yaml` beside the HelmRelease). Secrets (in the repository, or made by a `secretGenerator`)
 * are found but never read: their values were dropped.
 *
 * `built`: the kustomization files some Flux build runs (null: the repository has no Flux
 * Kustomization). For a HelmRelease a build deploys, a generator in a folder no build includes makes
 * nothing and does not count; for one no build reaches (an archive, a leftover folder), the nearest
 * generator by folder still tells what its values would be, as before.
 *
 * helm-controller reads valuesFrom in the release's own namespace
 * (https://fluxcd.io/flux/components/helm/helmreleases/#values-references), so a generator counts
 * only where a kustomize build that holds the release also runs it and it makes its object in the
 * release's namespace: one of a sibling folder of another namespace (team-a's `app-values-<hash>`)
 * is not what team-b's release reads (inReleaseBuild). `applied`: the objects the builds made (the
 * copies, with their owners and namespaces), where an ExternalSecret's or SealedSecret's Secret is looked for.
 */
export function makeValuesLookup(
  works: readonly WorkDoc[],
  kfiles: readonly KustomizeFile[],
  rawDocs: readonly RawDoc[],
  files: ReadonlySet<string> = new Set(),
  built: ReadonlySet<string> | null = null,
  applied: readonly WorkDoc[] = works,
): ValuesLookup {
  const runs = (file: string) => built === null || built.has(file);
  type Generator = { dir: string; k: KustomizeFile; g: KustomizeFile['configMapGenerators'][number]; ns: string | null; reads: KustomizeFile['configMapGenerators'][number]['reads']; built: boolean; hashable: { file: string; line: number } | null; unhashedBy: KustomizeFile[] };
  const candidates = (list: readonly Generator[] | undefined, from: WorkDoc, namespace: string | null) =>
    inReleaseBuild(from.owners.length > 0 ? (list ?? []).filter((g) => g.built) : (list ?? []), from, namespace);
  const configured = kfiles.some((k) => (k.configurations?.length ?? 0) > 0);
  const byDir = new Map(kfiles.map((k) => [k.dir, k]));
  /** The overlays merging into the generator with `disableNameSuffixHash` (the merging generator decides the hash). */
  const unhashedByMerge = (k: KustomizeFile, name: string, list: (k: KustomizeFile) => KustomizeFile['configMapGenerators']) =>
    kfiles.filter((a) => a !== k && list(a).some((g) => g.name === name && g.behavior !== 'create' && !g.hashSuffix) && included(a).has(k));
  const includes = new Map<KustomizeFile, Set<KustomizeFile>>();
  /** The kustomizations a kustomization's resources and components include, transitively. */
  function included(k: KustomizeFile): Set<KustomizeFile> {
    let out = includes.get(k);
    if (out) return out;
    out = new Set();
    includes.set(k, out);
    const stack = [k];
    while (stack.length > 0) {
      const f = stack.pop()!;
      for (const e of [...f.resources, ...f.components]) {
        const dir = resolveIn(f.dir, e.entry);
        const child = dir === null ? undefined : byDir.get(dir);
        if (child && child !== k && !out.has(child)) {
          out.add(child);
          stack.push(child);
        }
      }
    }
    return out;
  }
  const rawByFile = new Map<string, RawDoc[]>();
  for (const d of rawDocs) (rawByFile.get(d.source.file) ?? rawByFile.set(d.source.file, []).get(d.source.file)!).push(d);
  // ConfigMaps and Secrets by kind and name, built once: every HelmRelease asks.
  const byName = new Map<string, WorkDoc[]>();
  for (const w of works) {
    if (w.group !== '' || (w.kind !== 'ConfigMap' && w.kind !== 'Secret') || w.raw.disabled) continue;
    const k = `${w.kind}/${metaName(w)}`;
    (byName.get(k) ?? byName.set(k, []).get(k)!).push(w);
  }
  // Those a namePrefix or nameSuffix renamed, by the name they are written with (valuesFrom keeps that name).
  const byWrittenName = new Map<string, WorkDoc[]>();
  for (const w of works) {
    if (w.group !== '' || (w.kind !== 'ConfigMap' && w.kind !== 'Secret') || w.raw.disabled) continue;
    const written = str(obj(obj(w.raw.value).metadata).name);
    if (written === null || written === metaName(w) || written.includes('${')) continue;
    const k = `${w.kind}/${written}`;
    (byWrittenName.get(k) ?? byWrittenName.set(k, []).get(k)!).push(w);
  }
  // A `configurations:` file with a nameReference for valuesFrom renames the reference too, in the
  // build it is part of (renamesIn): each Flux build of the release is judged on its own.
  let referencesRenamed: boolean | undefined;
  const renamed = (kind: string, name: string, namespace: string | null, from: WorkDoc) => {
    const builds = buildsOf(from);
    if (builds === null ? (referencesRenamed ??= configured && kfiles.some(namesValuesFrom)) : builds.every(renamesIn)) return {};
    const w = byWrittenName.get(`${kind}/${name}`)?.find((d) => d.ns === namespace);
    return w ? { renamed: { name: metaName(w) ?? name, file: w.file, line: w.raw.source.line } } : {};
  };
  // Generators by name, in file order: the nearest one is chosen per HelmRelease.
  const byGeneratorName = (field: 'configMapGenerator' | 'secretGenerator', list: (k: KustomizeFile) => KustomizeFile['configMapGenerators']) => {
    const out = new Map<string, Generator[]>();
    for (const k of kfiles) {
      for (const g of list(k)) {
        const hashable = g.hashSuffix && g.behavior === 'create' ? { file: k.file, line: g.line } : null;
        const ns = generatorNamespace(rawByFile.get(k.file), field, g.name);
        (out.get(g.name) ?? out.set(g.name, []).get(g.name)!).push({ dir: k.dir, k, g, ns, reads: g.reads, built: runs(k.file), hashable, unhashedBy: hashable ? unhashedByMerge(k, g.name, list) : [] });
      }
    }
    return out;
  };
  const generators = byGeneratorName('configMapGenerator', (k) => k.configMapGenerators);
  // secretGenerator names too: such a Secret is in the repository, though its values never are read.
  const secretGenerators = byGeneratorName('secretGenerator', (k) => k.secretGenerators);
  // (The one that makes the object, where one does: an overlay's merge beside the release changes it.)
  const generated = (name: string, from: WorkDoc, namespace: string | null) => {
    const list = candidates(generators.get(name), from, namespace);
    return nearestGenerator(list.filter((g) => !changes(g.g)), dirOf(from.file)) ?? nearestGenerator(list, dirOf(from.file));
  };
  // Secrets an ExternalSecret, a SealedSecret or an operator's object a build applies makes, by `name@namespace`.
  const madeSecrets = new Set<string>();
  for (const w of applied) {
    if (w.raw.disabled || (built !== null && w.owners.length === 0)) continue;
    const ns = w.ns ?? w.kustomizeNs ?? explicitNs(w);
    for (const n of secretsMadeBy(w)) madeSecrets.add(`${n}@${ns ?? ''}`);
  }
  // Indexes for rootsOf, built once (a scan asks for every release; searching every kustomization's
  // entries each time took 0.3 s of a 1,000-app scan): the kustomizations of each folder, those that
  // list each file under resources, and those that include each kustomization directly.
  const kfilesIn = new Map<string, KustomizeFile[]>();
  const resourceOf = new Map<string, KustomizeFile[]>();
  const includers = new Map<KustomizeFile, KustomizeFile[]>();
  const push = <K, V>(m: Map<K, V[]>, key: K, v: V) => (m.get(key) ?? m.set(key, []).get(key)!).push(v);
  for (const k of kfiles) {
    push(kfilesIn, k.dir, k);
    for (const e of k.resources) {
      const path = resolveIn(k.dir, e.entry);
      if (path !== null) push(resourceOf, path, k);
    }
    for (const e of [...k.resources, ...k.components]) {
      const dir = resolveIn(k.dir, e.entry);
      const child = dir === null ? undefined : byDir.get(dir);
      if (child && child !== k) push(includers, child, k);
    }
  }
  const order = new Map(kfiles.map((k, i) => [k, i]));
  /** `holders` and every kustomization that includes one of them, transitively (included's converse), in file order. */
  function withIncluders(holders: ReadonlySet<KustomizeFile>): KustomizeFile[] {
    const out = new Set(holders);
    const stack = [...holders];
    while (stack.length > 0) {
      for (const r of includers.get(stack.pop()!) ?? []) {
        if (out.has(r)) continue;
        out.add(r);
        stack.push(r);
      }
    }
    return [...out].sort((a, b) => order.get(a)! - order.get(b)!);
  }
  /** Kustomizations whose build holds the release's file (memoised by file and Flux paths): see inReleaseBuild. */
  const rootsByFile = new Map<string, KustomizeFile[]>();
  function rootsOf(from: WorkDoc): KustomizeFile[] {
    const file = from.file;
    const dir = dirOf(file);
    // No kustomization.yaml holds it: Flux generates one for the path it builds (each owner's, else the
    // release's folder), which builds every folder below that has its own.
    const paths = from.owners.length > 0 ? from.owners.map((o) => o.resolvedPath ?? dir) : [dir];
    const key = `${file}\n${paths.join('\n')}`;
    let roots = rootsByFile.get(key);
    if (roots) return roots;
    const holders = new Set([...(kfilesIn.get(dir) ?? []), ...(resourceOf.get(file) ?? [])]);
    roots = holders.size > 0 ? withIncluders(holders) : kfiles.filter((r) => paths.some((p) => isUnder(r.dir, p)));
    rootsByFile.set(key, roots);
    return roots;
  }
  /**
   * The generators that a kustomize build holding the release runs (the release's own folder, one
   * including it, or what those include) and that make their object in the release's namespace. A
   * Flux targetNamespace puts both in the same one; a generator no namespace reaches is not judged
   * by its namespace (the release's build decides where it goes).
   */
  function inReleaseBuild(list: readonly Generator[], from: WorkDoc, namespace: string | null): Generator[] {
    if (list.length === 0) return [];
    const targeted = from.owners.some((o) => str(obj(o.body.spec).targetNamespace) !== null);
    const roots = rootsOf(from);
    return list.filter((g) => {
      const namespaces = roots.flatMap((r) => (r === g.k || included(r).has(g.k) ? [...namespacesIn(r, g, new Set())] : []));
      if (namespaces.length === 0) return false;
      return targeted || namespace === null || namespaces.some((ns) => ns === null || ns === namespace);
    });
  }
  /**
   * The namespaces a build of `r` gives the generator's object: kustomize's namespace transformer sets
   * each kustomization's `namespace:` over what it includes, so the outermost one wins; without any,
   * the generator's own `namespace:` (null: none).
   */
  function namespacesIn(r: KustomizeFile, g: Generator, seen: Set<KustomizeFile>): Set<string | null> {
    if (r.namespace) return new Set([r.namespace]);
    if (r === g.k) return new Set([g.ns]);
    seen.add(r);
    const out = new Set<string | null>();
    for (const e of [...r.resources, ...r.components]) {
      const dir = resolveIn(r.dir, e.entry);
      const child = dir === null ? undefined : byDir.get(dir);
      if (!child || seen.has(child) || (child !== g.k && !included(child).has(g.k))) continue;
      for (const ns of namespacesIn(child, g, seen)) out.add(ns);
    }
    return out;
  }
  // kustomize renames a hashed ConfigMap's references only in the fields of its nameReference rules,
  // which know no HelmRelease: a `configurations:` file may add spec/valuesFrom/name (Flux's documented
  // kustomizeconfig.yaml). One that cannot be read is taken to do so.
  // kustomize merges the configurations of every kustomization of a build into the one that includes
  // them (a base's kustomizeconfig.yaml renames an overlay's generator too): those of the generator's
  // kustomization, of what it includes and of what includes it count.
  function renamesValuesFrom(k: KustomizeFile): boolean {
    if (!configured) return false;
    return [k, ...included(k)].some(namesValuesFrom) || kfiles.some((a) => a !== k && namesValuesFrom(a) && included(a).has(k));
  }
  /**
   * Where the generator's object gets a hash the release's reference does not follow: kustomize adds
   * the hashes and fixes the references once, at the end of one build, with the configurations and
   * merges of that build alone. So each Flux build of the release is judged on its own: an overlay
   * with the nameReference (or an unhashed merge) fixes its own build, not a sibling overlay's of the
   * same base (outside review: `hashcfg` beside `hashref` hid hashref's missing ConfigMap). A release
   * no Flux build deploys is judged against every kustomization around the generator, as before.
   */
  function hashedFor(g: Generator, from: WorkDoc): Generator['hashable'] {
    if (g.hashable === null) return null;
    const builds = buildsOf(from);
    if (builds === null) return renamesValuesFrom(g.k) || g.unhashedBy.length > 0 ? null : g.hashable;
    const hashedIn = (b: ReadonlySet<KustomizeFile>) => b.has(g.k) && !g.unhashedBy.some((a) => b.has(a)) && !renamesIn(b);
    return builds.some(hashedIn) ? g.hashable : null;
  }
  /** Whether a kustomization of the build adds a nameReference for valuesFrom (kustomize merges every one of them). */
  const renaming = new WeakMap<ReadonlySet<KustomizeFile>, boolean>();
  function renamesIn(b: ReadonlySet<KustomizeFile>): boolean {
    if (!configured) return false;
    let out = renaming.get(b);
    if (out === undefined) renaming.set(b, (out = [...b].some(namesValuesFrom)));
    return out;
  }
  /**
   * The kustomizations of each Flux build that holds the release: the one at its path (Flux
   * generates one over the folders below where there is none) and its spec.components, with all
   * they include. Null: no Flux build owns the release.
   */
  const buildOf = new Map<WorkDoc, Set<KustomizeFile>>();
  function buildsOf(from: WorkDoc): Set<KustomizeFile>[] | null {
    const owners = from.owners.filter((o) => o.resolvedPath !== null);
    if (owners.length === 0) return null;
    return owners.map((o) => {
      let b = buildOf.get(o);
      if (b) return b;
      const path = o.resolvedPath!;
      const own = byDir.get(path);
      const tops = own ? [own] : kfiles.filter((r) => isUnder(r.dir, path));
      for (const c of arr(obj(o.body.spec).components)) {
        const dir = str(c) === null ? null : resolveIn(path, str(c)!);
        const k = dir === null ? undefined : byDir.get(dir);
        if (k) tops.push(k);
      }
      b = new Set(tops.flatMap((k) => [k, ...included(k)]));
      buildOf.set(o, b);
      return b;
    });
  }
  /** A kustomization whose `configurations:` add a nameReference for valuesFrom (one that cannot be read is taken to). */
  function namesValuesFrom(f: KustomizeFile): boolean {
    return (f.configurations ?? []).some((path) => {
      const docs = rawByFile.get(path);
      return docs === undefined || JSON.stringify(docs.map((d) => d.value)).includes('valuesFrom');
    });
  }

  /**
   * The generator order (generatorOrder) of each kustomize build that holds the release: each Flux
   * owner's path with its spec.components; without one, each outermost kustomization around it.
   */
  const orders = new Map<WorkDoc, KustomizeFile[]>();
  function ordersOf(from: WorkDoc): KustomizeFile[][] {
    const owners = from.owners.filter((o) => o.resolvedPath !== null);
    if (owners.length > 0) {
      return owners.map((o) => {
        let order = orders.get(o);
        if (order) return order;
        const path = o.resolvedPath!;
        const components = arr(obj(o.body.spec).components).flatMap((c) => {
          const k = str(c) === null ? undefined : byDir.get(resolveIn(path, str(c)!) ?? '\u0000');
          return k ? [k] : [];
        });
        orders.set(o, (order = generatorOrder(path, kfiles, components, byDir)));
        return order;
      });
    }
    const roots = rootsOf(from);
    return roots.filter((r) => !roots.some((o) => o !== r && included(o).has(r))).map((r) => generatorOrder(r.dir, kfiles, [], byDir));
  }
  /**
   * The configMapGenerator entries whose data make the ConfigMap `name` the release reads, last first
   * (layersOf): `base` (null: a manifest of the repository) and the merges and replaces of the first
   * build of the release that runs it, in kustomize's order (outside review: an overlay's or a
   * component's `behavior: merge` was ignored). A generator changes the object of its own namespace.
   */
  function layersFor(name: string, base: Generator | null, from: WorkDoc, baseNs: string | null): GeneratorLayer[] {
    const nsOf = new Map((generators.get(name) ?? []).map((g) => [g.g, g.ns]));
    const same = (l: GeneratorLayer) => (nsOf.get(l.g) ?? 'default') === (baseNs ?? 'default');
    for (const order of ordersOf(from)) {
      const layers = layersOf(order, name, base, same);
      if (layers !== null) return layers;
    }
    return base ? [base] : [];
  }

  return (kind, name, namespace, key, from) => {
    const objects = byName.get(`${kind}/${name}`) ?? [];
    const same = objects.find((w) => w.ns === namespace) ?? objects[0];
    if (kind === 'Secret') {
      // One an ExternalSecret, SealedSecret or operator makes in the release's namespace is what helm-controller reads.
      const madeHere = madeSecrets.has(`${name}@${namespace ?? ''}`);
      const gen = same || madeHere ? null : nearestGenerator(candidates(secretGenerators.get(name), from, namespace), dirOf(from.file));
      if (!same && !madeHere && gen === null) return { values: null, found: false, ...renamed(kind, name, namespace, from) };
      const hashed = gen ? hashedFor(gen, from) : null;
      return { values: null, found: true, ...(hashed ? { hashed } : {}) };
    }
    const gen = same ? null : generated(name, from, namespace);
    if (!same && !gen) return { values: null, found: false, ...renamed(kind, name, namespace, from) };
    const hashedAt = gen ? hashedFor(gen, from) : null;
    const hashed = hashedAt ? { hashed: hashedAt } : {};
    // The key as the last generator of the build that sets it gives it; a `replace` (or the generator
    // that creates the object) drops what came before.
    const layers = layersFor(name, gen, from, same ? str(obj(obj(same.raw.value).metadata).namespace) : gen!.ns);
    for (const l of layers) {
      const read = l.g.reads.find((r) => r.key === key);
      if (read) {
        const doc = rawByFile.get(read.path)?.[0];
        // A file of no documents (`---` alone) is still there: the ConfigMap is made, with empty values.
        return { values: doc && isObj(doc.value) ? (doc.value as Obj) : null, found: !!doc || files.has(read.path), ...(doc ? { at: { source: doc.source, lines: doc.lines } } : {}), ...hashed };
      }
      // A `literals:` entry (`tag=1.27.3`): the usual source of a valuesFrom with targetPath.
      const literal = generatorLiteral(rawByFile.get(l.k.file), name, key);
      if (literal) return { ...fromText(literal.text, { file: l.k.file, line: literal.line, col: 1 }, { file: l.k.file, line: literal.line, col: 1 }), ...hashed };
      if (!changes(l.g)) return { values: null, found: false, ...hashed };
      if (l.g.behavior === 'replace') return { values: null, found: false };
    }
    if (same) {
      const text = str(obj(same.body.data)[key]);
      if (text === null) return { values: null, found: true };
      const line = same.raw.lines[`data.${key}`];
      return fromText(text, line === undefined ? same.raw.source : { file: same.file, line, col: 1 }, same.raw.source);
    }
    return { values: null, found: false, ...hashed };
  };
}

/**
 * A ConfigMap's values key, written at `where`: parsed as YAML and wiped like any document (`doc`: the
 * document it is in), with the text as it is too, for a valuesFrom with targetPath (a single value at a path).
 */
function fromText(text: string, where: Source, doc: Source): ReturnType<ValuesLookup> {
  const here = { source: where };
  try {
    const values = parse(text, { maxAliasCount: 100, uniqueKeys: false, logLevel: 'error' });
    if (!isObj(values) || isSelfReferential(values)) return { values: null, found: true, text, at: here };
    scrubValue(values, {}, doc);
    return { values, found: true, text, at: here };
  } catch {
    return { values: null, found: true };
  }
}

/**
 * A configMapGenerator's literal of this key in the kustomization file as read: its text (kustomize
 * splits `key=value` at the first `=` and drops one pair of quotes around the value) and line. None
 * where the file's reader wiped it as a credential.
 */
function generatorLiteral(docs: readonly RawDoc[] | undefined, name: string, key: string): { text: string; line: number } | null {
  const d = docs?.[0];
  if (!d) return null;
  const i = arr(obj(d.value).configMapGenerator).findIndex((g) => str(obj(g).name) === name);
  const literals = arr(obj(arr(obj(d.value).configMapGenerator)[i]).literals);
  // (kustomize refuses a key given twice; the last is taken, as the build takes it.)
  for (let j = literals.length - 1; j >= 0; j--) {
    const l = str(literals[j]);
    const eq = l === null ? -1 : l.indexOf('=');
    if (l === null || eq <= 0 || l.slice(0, eq) !== key) continue;
    if (l.includes(REDACTED)) return null;
    return { text: unquote(l.slice(eq + 1)), line: d.lines[`configMapGenerator.${i}.literals.${j}`] ?? d.lines[`configMapGenerator.${i}`] ?? d.source.line };
  }
  return null;
}

/** A generator's own `namespace:` in the kustomization file as read (null: none, or not readable). */
function generatorNamespace(docs: readonly RawDoc[] | undefined, field: 'configMapGenerator' | 'secretGenerator', name: string): string | null {
  for (const d of docs ?? []) {
    const g = arr(obj(d.value)[field]).find((e) => str(obj(e).name) === name);
    if (g !== undefined) return str(obj(g).namespace) || null;
  }
  return null;
}

/** A generator that changes an object made elsewhere (`behavior: merge` or `replace`) rather than making one. */
function changes(g: { behavior: string }): boolean {
  return g.behavior === 'merge' || g.behavior === 'replace';
}

/** Of the generators of one name, the one nearest to the HelmRelease's folder. */
function nearestGenerator<G extends { dir: string }>(candidates: readonly G[], dir: string): G | null {
  return (
    candidates.find((c) => c.dir === dir) ??
    candidates.filter((c) => isUnder(dir, c.dir)).sort((a, b) => b.dir.length - a.dir.length)[0] ??
    candidates.find((c) => isUnder(c.dir, dirOf(dir))) ??
    null
  );
}
