import { finding, type Finding } from '../../model/finding.ts';
import { obj } from '../../model/values.ts';
import { buildFlux } from './flux-build.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { applyAll } from './patch-apply.ts';
import { declaredPatches, readPatch } from './patches.ts';
import { dirOf, resolveIn } from './paths.ts';
import { explicitNs, isClusterScoped, type WorkDoc } from './work-doc.ts';

/**
 * Do what Flux does before it applies anything: follow each Kustomization's path through
 * kustomization.yaml files, give objects their namespaces, apply patches, substitute ${VAR}s.
 * Parents are processed before children (breadth-first from the cluster roots), so a root's patch
 * or variable that changes a child Kustomization is in place before the child is built.
 */
export function resolveFlux(docs: readonly WorkDoc[], tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>): { findings: Finding[]; objects: WorkDoc[]; clusters: string[] } {
  const findings: Finding[] = [];
  const kfileDocs = docs.filter((d) => d.isKustomizeFile && !d.raw.disabled);

  // 1. Static kustomize namespaces, outermost first.
  for (const root of tree.roots()) {
    for (const [file, ns] of tree.expand(root.dir, null)) {
      for (const d of byFile.get(file) ?? []) if (d.kustomizeNs === null && ns) d.kustomizeNs = ns;
    }
  }
  for (const d of docs) {
    d.ns = isClusterScoped(d.kind) ? null : (d.kustomizeNs ?? explicitNs(d));
    // kustomize's namespace transformer also names the Namespace object itself (home-ops writes
    // `name: _` and lets the folder's kustomization.yaml fill it in).
    if (d.kind === 'Namespace' && d.group === '' && d.kustomizeNs && !d.raw.disabled) obj(d.body.metadata).name = d.kustomizeNs;
  }

  // 2. kustomization.yaml patches, innermost folders first (kustomize builds inner layers first).
  const byDepth = [...kfileDocs].sort((a, b) => b.file.split('/').length - a.file.split('/').length || a.file.localeCompare(b.file));
  for (const k of byDepth) {
    const files = tree.expand(dirOf(k.file), null);
    const targets = [...files.keys()].flatMap((f) => (byFile.get(f) ?? []).filter((d) => !d.isKustomizeFile && !d.raw.disabled));
    declaredPatches(k.body, false).forEach((p, i) => {
      const line = k.raw.lines[`patches.${i}`] ?? k.raw.source.line;
      let inline = p.inline;
      if (inline === undefined && p.path) {
        const file = resolveIn(dirOf(k.file), p.path);
        const patchDoc = file ? byFile.get(file)?.[0] : undefined;
        if (!patchDoc) {
          findings.push(finding('PATCH_NOT_APPLIED', 'warning', `Patch file "${p.path}" was not found or is not an object.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
          return;
        }
        inline = patchDoc.raw.value;
      }
      applyAll(readPatch(inline, p.target), targets, k.file, line, findings, !p.target);
    });
  }

  // 3. Flux Kustomizations, cluster by cluster, breadth-first from the roots.
  const flux = buildFlux(docs, tree, byFile);
  findings.push(...flux.findings);
  return { findings, objects: flux.objects, clusters: flux.clusters };
}
