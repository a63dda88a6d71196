import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { isUnder, resolveIn } from './paths.ts';

type Generator = KustomizeFile['configMapGenerators'][number];

/** A configMapGenerator entry of a kustomization file. */
export interface GeneratorLayer {
  k: KustomizeFile;
  g: Generator;
}

/**
 * The kustomization files of the kustomize build of a Flux path, in the order kustomize runs their
 * generators: its accumulateTarget builds the resources (each folder its own build, generators and
 * all), runs the kustomization's own generators, then builds the components over what those gave
 * (kustomize v5.1 on, kubernetes-sigs/kustomize#5170; kubectl kustomize v5.5 the oracle). So a base
 * comes before the overlay that lists it, and a component after the kustomization that lists it.
 * `fluxComponents`: the folders of the Flux Kustomization's spec.components, which Flux appends to
 * the components of the kustomization at the path; where there is none, Flux generates one that
 * lists the folders below (those no other one there encloses) and has no generators of its own.
 */
export function generatorOrder(path: string, kfiles: readonly KustomizeFile[], fluxComponents: readonly KustomizeFile[], byDir: ReadonlyMap<string, KustomizeFile>): KustomizeFile[] {
  const out: KustomizeFile[] = [];
  const seen = new Set<KustomizeFile>();
  const visit = (k: KustomizeFile, extra: readonly KustomizeFile[]) => {
    if (seen.has(k)) return;
    seen.add(k);
    const children = (entries: KustomizeFile['resources']) =>
      entries.flatMap((e) => {
        const dir = resolveIn(k.dir, e.entry);
        const child = dir === null ? undefined : byDir.get(dir);
        return child ? [child] : [];
      });
    for (const child of children(k.resources)) visit(child, []);
    out.push(k);
    for (const child of [...children(k.components), ...extra]) visit(child, []);
  };
  const own = byDir.get(path);
  if (own) visit(own, fluxComponents);
  else {
    const under = kfiles.filter((k) => isUnder(k.dir, path));
    for (const k of under) if (!under.some((o) => o !== k && isUnder(k.dir, o.dir))) visit(k, []);
    for (const c of fluxComponents) visit(c, []);
  }
  return out;
}

/**
 * The configMapGenerator entries of `name` that make the ConfigMap's data in a build (`order`, from
 * generatorOrder), last first: the `base` entry (the one that creates it; null: a manifest of the
 * build, there from the start) and each `behavior: merge` after it, back to the last `replace`, which
 * drops what came before. A key is the last of these that sets it. `sameObject`: whether an entry
 * makes the same object (its namespace) as the base. Null where the build does not run the base.
 */
export function layersOf(order: readonly KustomizeFile[], name: string, base: GeneratorLayer | null, sameObject: (l: GeneratorLayer) => boolean): GeneratorLayer[] | null {
  let stack: GeneratorLayer[] | null = base === null ? [] : null;
  for (const k of order) {
    for (const g of k.configMapGenerators) {
      if (g.name !== name) continue;
      const layer = { k, g };
      if (base !== null && k === base.k && g === base.g) stack = [layer];
      else if (stack === null || !sameObject(layer)) continue;
      else if (g.behavior === 'merge') stack.push(layer);
      else if (g.behavior === 'replace') stack = [layer];
    }
  }
  return stack === null ? null : stack.reverse();
}
