import { finding, type Finding } from '../../model/finding.ts';
import { KustomizeBuilder, type BuildProblem } from './kustomize-build.ts';
import { resNs } from './kustomize-resource.ts';
import { arr, obj, str } from '../../model/values.ts';
import { resolveFluxPath } from './paths.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * The static part of what Flux does before it applies anything (steps 1 and 2 of resolve.ts): build
 * every kustomize tree of the repository from its roots (kustomization.yaml files no other one
 * includes) with the kustomize build (kustomize-build.ts), and write each result back into the
 * document it came from, so that namespaces, patches, namePrefix/nameSuffix, labels, annotations,
 * images and replacements show in the model. Namespace objects take the folder's namespace as
 * their name, as kustomize's namespace transformer gives them.
 *
 * A document reached by several roots (a base shared by overlays, a component listed by many
 * namespace folders) takes the first root's build, roots in file order: the outermost
 * `namespace:` wins, as before. Building each placement on its own is the Flux step's business
 * (KustomizeBuilder.build(path) gives every object of a path with its own transformed body).
 * Objects a generator makes (configMapGenerator, secretGenerator) are not documents and are not added.
 */
export function applyStaticKustomize(docs: readonly WorkDoc[], tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>, rawDocs?: (file: string) => unknown[]): Finding[] {
  const builder = new KustomizeBuilder({ tree, byFile, ...(rawDocs ? { rawDocs } : {}) });
  const written = new Set<WorkDoc>();
  const problems: BuildProblem[] = [];
  const fileNs = new Map<string, string | null>();
  // A Component no kustomization.yaml lists (one a Flux Kustomization's spec.components adds, or none)
  // is built here on its own: its patches without a target match the objects of the build that includes
  // it, never its own alone, so their finding nothing here says nothing (outside review).
  const componentFiles = new Set([...tree.byDir.values()].filter((k) => k.component).map((k) => k.file));
  for (const root of tree.roots()) {
    const built = builder.buildOnce(root.dir);
    problems.push(...(root.component ? built.problems.filter((p) => !(p.code === 'PATCH_NO_TARGET' && componentFiles.has(p.file))) : built.problems));
    for (const r of built.objects) {
      const d = r.doc;
      if (!d || written.has(d)) continue;
      written.add(d);
      d.body = r.body;
      if (r.imageSetAt) d.imageSetAt = r.imageSetAt;
      if (r.versionSetAt) d.versionSetAt = r.versionSetAt;
      d.kustomizeNs = resNs(r);
    }
    for (const [file, ns] of tree.expand(root.dir, null)) if (!fileNs.has(file)) fileNs.set(file, ns);
  }
  // Documents commented out inside an included file are not built, but keep the namespace they would get.
  for (const d of docs) if (!written.has(d) && d.raw.disabled && d.kustomizeNs === null) d.kustomizeNs = fileNs.get(d.file) ?? null;
  // Flux appends a Kustomization's spec.components to the kustomization.yaml at its path, whose own
  // patches then also run over the components' objects: a target this build does not find may be
  // one of those (code review). Not said of that file.
  const withComponents = new Set(
    docs
      .filter((d) => d.isFluxKs && arr(obj(d.body.spec).components).length > 0)
      .flatMap((d) => {
        const path = resolveFluxPath(str(obj(d.body.spec).path) ?? '');
        const k = path === null ? undefined : tree.byDir.get(path);
        return k ? [k.file] : [];
      }),
  );
  return findingsOf(problems.filter((p) => !((p.code === 'PATCH_TARGET_NONE' || p.code === 'PATCH_NO_TARGET') && withComponents.has(p.file))));
}

/**
 * The findings step 2 of resolve.ts always gave, for patches that do not apply, and the note on a
 * replacement whose value is not known here (REPLACEMENT_VALUE_UNKNOWN). Problems only the
 * kustomize CLI has (its load restrictor, folders without kustomization.yaml) and those the tree
 * already reports (missing resources) are not repeated.
 */
function findingsOf(problems: readonly BuildProblem[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const code = p.code === 'PATCH_UNREADABLE' || p.code === 'PATCH_FAILED' ? 'PATCH_NOT_APPLIED' : p.code === 'PATCH_NO_TARGET' || p.code === 'PATCH_TARGET_NONE' ? 'PATCH_NO_TARGET' : p.code === 'REPLACEMENT_VALUE_UNKNOWN' ? p.code : null;
    if (!code) continue;
    const key = `${p.file}:${p.line}:${code}:${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding(code, code === 'REPLACEMENT_VALUE_UNKNOWN' ? 'info' : 'warning', p.message, { file: p.file, line: p.line, col: 1 }, { area: 'flux' }));
  }
  return out;
}
