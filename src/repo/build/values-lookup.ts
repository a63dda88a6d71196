import { parse } from 'yaml';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import type { ValuesLookup } from '../extract/helm-release.ts';
import { scrubValue } from '../scrub-js.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import { arr, isObj, obj, str, type Obj } from '../../model/values.ts';
import { metaName, type WorkDoc } from './work-doc.ts';
import { isSelfReferential } from '../self-reference.ts';

/**
 * Find the values a HelmRelease's `valuesFrom` names: a ConfigMap in the repo (its key parsed as
 * YAML and scrubbed like any document), or a `configMapGenerator` whose file is in the repo (the usual
 * `values.yaml` beside the HelmRelease). Secrets are found but never read: their values were dropped.
 */
export function makeValuesLookup(works: readonly WorkDoc[], kfiles: readonly KustomizeFile[], rawDocs: readonly RawDoc[], files: ReadonlySet<string> = new Set()): ValuesLookup {
  const rawByFile = new Map<string, RawDoc[]>();
  for (const d of rawDocs) (rawByFile.get(d.source.file) ?? rawByFile.set(d.source.file, []).get(d.source.file)!).push(d);
  // ConfigMaps and Secrets by kind and name, built once: every HelmRelease asks.
  const byName = new Map<string, WorkDoc[]>();
  for (const w of works) {
    if (w.group !== '' || (w.kind !== 'ConfigMap' && w.kind !== 'Secret') || w.raw.disabled) continue;
    const k = `${w.kind}/${metaName(w)}`;
    (byName.get(k) ?? byName.set(k, []).get(k)!).push(w);
  }
  // Generators by name, in file order: the nearest one is chosen per HelmRelease.
  const generators = new Map<string, { dir: string; files: string[] }[]>();
  for (const k of kfiles) {
    for (const g of k.configMapGenerators) (generators.get(g.name) ?? generators.set(g.name, []).get(g.name)!).push({ dir: k.dir, files: g.files });
  }
  // secretGenerator names too: such a Secret is in the repository, though its values never are read.
  const secretGenerators = new Map<string, { dir: string; files: string[] }[]>();
  for (const w of works) {
    if (!w.isKustomizeFile || w.raw.disabled) continue;
    for (const g of arr(w.body.secretGenerator)) {
      const name = str(obj(g).name);
      if (name) (secretGenerators.get(name) ?? secretGenerators.set(name, []).get(name)!).push({ dir: dirOf(w.file), files: [] });
    }
  }
  const generated = (name: string, dir: string) => nearestGenerator(generators.get(name) ?? [], dir);
  return (kind, name, namespace, key, from) => {
    const objects = byName.get(`${kind}/${name}`) ?? [];
    const same = objects.find((w) => w.ns === namespace) ?? objects[0];
    if (kind === 'Secret') return { values: null, found: !!same || nearestGenerator(secretGenerators.get(name) ?? [], dirOf(from.file)) !== null };
    if (same) {
      const text = str(obj(same.body.data)[key]);
      if (text === null) return { values: null, found: true };
      try {
        const values = parse(text, { maxAliasCount: 100, uniqueKeys: false });
        if (!isObj(values) || isSelfReferential(values)) return { values: null, found: true };
        scrubValue(values, {}, same.raw.source);
        return { values, found: true };
      } catch {
        return { values: null, found: true };
      }
    }
    const gen = generated(name, dirOf(from.file));
    if (!gen) return { values: null, found: false };
    for (const entry of gen.files) {
      const eq = entry.indexOf('=');
      const fileKey = eq >= 0 ? entry.slice(0, eq) : entry.slice(entry.lastIndexOf('/') + 1);
      if (fileKey !== key) continue;
      const path = resolveIn(gen.dir, eq >= 0 ? entry.slice(eq + 1) : entry);
      const doc = path ? rawByFile.get(path)?.[0] : undefined;
      // A file of no documents (`---` alone) is still there: the ConfigMap is made, with empty values.
      return { values: doc && isObj(doc.value) ? (doc.value as Obj) : null, found: !!doc || (path !== null && files.has(path)) };
    }
    return { values: null, found: false };
  };
}

/** Of the generators of one name, the one nearest to the HelmRelease's folder. */
function nearestGenerator(candidates: readonly { dir: string; files: string[] }[], dir: string): { dir: string; files: string[] } | null {
  return (
    candidates.find((c) => c.dir === dir) ??
    candidates.filter((c) => isUnder(dir, c.dir)).sort((a, b) => b.dir.length - a.dir.length)[0] ??
    candidates.find((c) => isUnder(c.dir, dirOf(dir))) ??
    null
  );
}
