import type { RawDoc } from '../model/raw-doc.ts';
import { arr, obj, str } from '../model/values.ts';
import { dirOf, resolveIn } from './build/paths.ts';

const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/**
 * Files of other kinds than YAML that kustomization.yamls name, which kustomize reads as YAML (the scan
 * reads YAML files only; these few it reads too), in one pass over the kustomization files:
 * - `json`: `.json` files named as resources or patches (patches, patchesJson6902,
 *   patchesStrategicMerge): JSON is YAML, so an `ops.json` patch applies like `ops.yaml`, and a
 *   `dashboard.json` resource is an object of the build;
 * - `markdown`: Markdown files named under resources (a README.md listed by mistake), at whose text
 *   kustomize stops ("missing Resource metadata"; holdsMoreThanComments says which).
 * `present`: the repository's files of those kinds.
 */
export function namedByKustomizations(docs: readonly RawDoc[], present: ReadonlySet<string>): { json: string[]; markdown: string[] } {
  const json = new Set<string>();
  const markdown = new Set<string>();
  for (const d of docs) {
    if (d.disabled || !KUSTOMIZATION_FILE.test(d.source.file)) continue;
    const k = obj(d.value);
    const dir = dirOf(d.source.file);
    const resources = arr(k.resources).map(str);
    const patches = [...arr(k.patchesStrategicMerge).map(str), ...[...arr(k.patches), ...arr(k.patchesJson6902)].map((p) => str(obj(p).path))];
    const add = (into: Set<string>, e: string | null, ext: RegExp) => {
      const path = e !== null && ext.test(e) ? resolveIn(dir, e) : null;
      if (path !== null && present.has(path)) into.add(path);
    };
    for (const e of [...resources, ...patches]) add(json, e, /\.json$/i);
    for (const e of resources) add(markdown, e, /\.(md|markdown)$/i);
  }
  return { json: [...json].sort(), markdown: [...markdown].sort() };
}

/**
 * Whether a text kustomize reads as YAML holds anything but comments, blank lines and document markers
 * (`# Title` is a YAML comment; a Markdown rule `---` starts an empty document).
 */
export function holdsMoreThanComments(text: string): boolean {
  return text.split(/\r?\n/).some((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#') && t !== '---' && t !== '...';
  });
}
