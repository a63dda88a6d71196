import type { RawDoc } from '../model/raw-doc.ts';
import { arr, obj, str } from '../model/values.ts';
import { dirOf, resolveIn } from './build/paths.ts';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * The `.json` files a kustomization.yaml names as resources or patches (patches, patchesJson6902,
 * patchesStrategicMerge): kustomize reads any file it is given as YAML, of which JSON is a part, so a
 * `ops.json` patch applies like `ops.yaml`, and a `dashboard.json` resource is an object of the build.
 * The scan reads YAML files only; these few it reads too.
 */
export function jsonNamedByKustomizations(docs: readonly RawDoc[], present: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    if (d.disabled || !KUSTOMIZATION_FILE.test(d.source.file)) continue;
    const k = obj(d.value);
    const dir = dirOf(d.source.file);
    const entries = [
      ...arr(k.resources).map(str),
      ...arr(k.patchesStrategicMerge).map(str),
      ...[...arr(k.patches), ...arr(k.patchesJson6902)].map((p) => str(obj(p).path)),
    ];
    for (const e of entries) {
      if (e === null || !/\.json$/i.test(e)) continue;
      const path = resolveIn(dir, e);
      if (path !== null && present.has(path)) out.add(path);
    }
  }
  return [...out].sort();
}

/**
 * The Markdown files a kustomization.yaml names under resources (a README.md listed by mistake):
 * kustomize reads each as YAML, and stops at any text that is not a comment ("missing Resource
 * metadata"); one of headings and blank lines alone (`# Title`: YAML comments) reads as nothing.
 */
export function markdownNamedAsResources(docs: readonly RawDoc[], present: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    if (d.disabled || !KUSTOMIZATION_FILE.test(d.source.file)) continue;
    const dir = dirOf(d.source.file);
    for (const e of arr(obj(d.value).resources).map(str)) {
      if (e === null || !/\.(md|markdown)$/i.test(e)) continue;
      const path = resolveIn(dir, e);
      if (path !== null && present.has(path)) out.add(path);
    }
  }
  return [...out].sort();
}

/** Whether a text kustomize reads as YAML holds anything but comments and blank lines. */
export function holdsMoreThanComments(text: string): boolean {
  return text.split(/\r?\n/).some((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}
