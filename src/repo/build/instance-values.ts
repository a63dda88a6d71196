/**
 * The values a HelmRelease's chart gets, read before any build runs, for the one chart whose values
 * make a root: the Flux Operator's flux-instance (flux-instance.ts). helm-controller merges each
 * `valuesFrom` in order, then the inline `values` on top. A valuesFrom ConfigMap is found as a
 * ConfigMap document of the repository, or as a `configMapGenerator` in the kustomization.yaml of the
 * release's folder or the one above it, made from a file (the cluster-template's
 * `values.yaml=./helm/values.yaml`). Secrets are not read (their values are wiped); neither is what
 * the repository does not hold.
 */
import { parse } from 'yaml';
import { arr, isObj, obj, str } from '../../model/values.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import { baseName, dirOf, resolveIn } from './paths.ts';
import { metaName, type WorkDoc } from './work-doc.ts';
import { strategicMergeValues } from '../extract/helm-release.ts';
import { setAtTargetPath } from '../extract/values-target-path.ts';
import { unquote } from './kustomize-generators.ts';

/** A ConfigMap's values key as YAML (a text over 1 MB, or one that is not YAML, is none). */
function parsed(text: string | null): unknown {
  if (text === null || text.length > 1_000_000) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

export function releaseValues(w: WorkDoc, works: readonly WorkDoc[], rawDocs: (file: string) => readonly unknown[]): Record<string, unknown> {
  const spec = obj(w.body.spec);
  let values: unknown = {};
  for (const entry of arr(spec.valuesFrom)) {
    const e = obj(entry);
    const name = str(e.name);
    if ((str(e.kind) ?? 'ConfigMap') !== 'ConfigMap' || name === null) continue;
    const key = str(e.valuesKey) ?? 'values.yaml';
    const doc = works.find((d) => d.kind === 'ConfigMap' && d.group === '' && metaName(d) === name && !d.raw.disabled);
    const targetPath = str(e.targetPath);
    if (targetPath !== null) {
      // The key's text set at the path over the entries before (values-target-path.ts): a ConfigMap's
      // data, or a generator's literal in the release's folder or the one above it.
      const text = doc ? str(obj(doc.body.data)[key]) : literalOf(w, works, name, key);
      const set = text === null ? null : setAtTargetPath(obj(values), targetPath, text, (doc ?? w).raw.source);
      if (set) values = set.values;
      continue;
    }
    let found = doc ? parsed(str(obj(doc.body.data)[key])) : undefined;
    for (const dir of found === undefined ? [dirOf(w.file), dirOf(dirOf(w.file))] : []) {
      const k = works.find((d) => d.isKustomizeFile && !d.raw.disabled && dirOf(d.file) === dir);
      const generator = arr(k?.body.configMapGenerator).find((g) => str(obj(g).name) === name);
      const file = arr(obj(generator).files).flatMap((f) => (str(f) === null ? [] : [str(f)!])).find((f) => (f.includes('=') ? f.slice(0, f.indexOf('=')) : baseName(f)) === key);
      const path = file === undefined ? null : resolveIn(dir, file.includes('=') ? file.slice(file.indexOf('=') + 1) : file);
      if (path !== null) found = rawDocs(path)[0];
      if (found !== undefined) break;
    }
    if (isObj(found)) values = strategicMergeValues(values, found);
  }
  if (isObj(spec.values)) values = strategicMergeValues(values, spec.values);
  return obj(values);
}

/** A configMapGenerator's `literals:` text of the key (`tag=1.27.3`), in the kustomization.yaml of the release's folder or the one above it. */
function literalOf(w: WorkDoc, works: readonly WorkDoc[], name: string, key: string): string | null {
  for (const dir of [dirOf(w.file), dirOf(dirOf(w.file))]) {
    const k = works.find((d) => d.isKustomizeFile && !d.raw.disabled && dirOf(d.file) === dir);
    const generator = arr(k?.body.configMapGenerator).find((g) => str(obj(g).name) === name);
    const literal = arr(obj(generator).literals).flatMap((l) => (str(l)?.startsWith(`${key}=`) ? [str(l)!] : [])).at(-1);
    if (literal !== undefined) return literal.includes(REDACTED) ? null : unquote(literal.slice(key.length + 1));
  }
  return null;
}
