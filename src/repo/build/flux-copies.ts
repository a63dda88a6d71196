/**
 * The copies a Flux build makes: each Kustomization's build gets its own copy of every document it
 * applies (so a patch in one leaves another's alone), its spec.components among them. What one run of
 * the Flux tree (a cluster's roots and all they reach) shares between its builds is `Run`.
 */
import type { AfterBuilds } from './flux-variables.ts';
import { blockedReason } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { bool, cloneData, obj } from '../../model/values.ts';
import { expandPlacements } from './flux-expand.ts';
import { componentKindMessage } from './kustomize-problems.ts';
import type { FluxArtifacts } from './flux-artifacts.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf } from './paths.ts';
import type { SubstitutionBudget } from './substitute.ts';
import { explicitNs, isClusterScoped, ksName, type WorkDoc } from './work-doc.ts';

/** One build of the Flux tree: a cluster's roots and every object they deploy, as copies of the documents. */
export interface Run {
  /** The artifact each Kustomization builds from, with kustomize over it: each Flux build is its own `kustomize build` of its path. */
  artifacts: FluxArtifacts;
  cluster: string | null;
  /** The other cluster whose roots' folder holds a file (its bootstrap applies it there), else null. */
  otherCluster?: (file: string) => string | null;
  reached: boolean;
  /**
   * Builds Flux never runs: no root reaches them, in a repository that has roots (a Kustomization no
   * list names, one of a folder left out). What would stop them is not reported, nor does it block
   * their apps (which are not deployed for that reason already).
   */
  unrun?: boolean;
  /** Copies made in this run, by the document they copy. */
  copies: Map<WorkDoc, WorkDoc[]>;
  generators: WorkDoc[];
  /**
   * Findings judged once every build ran (shared): SUBSTITUTE_FROM_HASHED with the kustomization file
   * of its generator (said where a build runs it), SUBSTITUTE_FROM_MISSING with the one document that
   * defines the source (said where no build applies it).
   */
  afterBuilds: AfterBuilds;
  /** What substitution may still add, shared by every run of the scan. */
  substitution: SubstitutionBudget & { reported?: boolean };
  /**
   * Patches written in a Flux Kustomization's own document, by file and line, and whether a build
   * from a cluster root found anything to apply them to; shared by every run of the scan.
   */
  ownPatches: Map<string, { matched: boolean; file: string; line: number; target: string; ks: string }>;
  /**
   * Documents a `$patch: delete` in a Flux Kustomization's spec.patches removed from its build, with
   * why (the first such patch); shared by every run. A document no build keeps is not deployed for it.
   */
  deleted: Map<WorkDoc, string>;
  /**
   * The error each stopping problem got (by code, file and line) and the Kustomizations it stops: a
   * shared base or component with a missing file is one error naming them all, not one per build.
   */
  stops: Map<string, { finding: Finding; ids: string[] }>;
  /**
   * The namespaces the builds from a cluster root put each remote entry's content in, by `file:line` of
   * the entry (null: its own namespaces, where no kustomization and no targetNamespace sets one); shared.
   */
  remotes?: Map<string, Set<string | null>>;
}

/** A copy of a document for one build; the original stays as read. */
export function copyOf(d: WorkDoc, owner: WorkDoc | null, run: Run, ns: string | null, renameTo: string | null = null, body?: WorkDoc['body']): WorkDoc {
  const original = d.instanceOf ?? d;
  const copy: WorkDoc = {
    ...original,
    // A body a kustomize build already made fresh for this copy is taken as it is (no second clone).
    body: body ?? cloneData(d.body),
    owners: owner ? [owner] : [],
    unresolved: new Set(),
    fromSecret: new Set(),
    instanceOf: original,
    cluster: run.cluster,
    reached: run.reached,
    resolvedPath: null,
    ns: isClusterScoped(d.kind) ? null : ns,
  };
  // kustomize's namespace transformer (and so Flux's targetNamespace) also names Namespace objects:
  // home-ops writes `name: _` in a shared component and lets each namespace folder fill it in.
  if (d.kind === 'Namespace' && d.group === '' && renameTo) obj(copy.body.metadata).name = renameTo;
  (run.copies.get(original) ?? run.copies.set(original, []).get(original)!).push(copy);
  return copy;
}

/**
 * Flux `spec.components` (https://fluxcd.io/flux/components/kustomize/kustomizations/#components):
 * kustomize components, relative to spec.path, added to this Kustomization's build. A Component's
 * objects come out of the path's kustomize build (PathBuilder.build), as this Kustomization's own
 * copies, so that one component folder that serves many apps (`${APP}` templates for a PVC and its
 * backup) is substituted with each one's variables. Here: what is wrong with an entry (a folder not
 * there, a file), and copies of a folder kustomize takes for no Component (which stops its build).
 */
export function componentCopies(
  k: WorkDoc,
  path: string,
  /** spec.components in order, each entry with the repository folder it names (FluxSources.componentDir). */
  components: readonly { entry: string | null; dir: string | null }[],
  /** The Component folders the path's kustomize build took in (PathBuilder.build): their objects are there. */
  built: ReadonlySet<string>,
  target: string | null,
  tree: KustomizeTree,
  byFile: ReadonlyMap<string, WorkDoc[]>,
  run: Run,
  report: (f: Finding) => void,
  fromGit: boolean,
): WorkDoc[] {
  const out: WorkDoc[] = [];
  components.forEach(({ entry, dir }, i) => {
    if (!entry) return;
    const line = k.raw.lines[`spec.components.${i}`] ?? k.raw.source.line;
    if (dir === null || (!tree.hasDir(dir) && !tree.hasFile(dir))) {
      // `ignoreMissingComponents: true`: Flux removes component paths not found in the source.
      if (bool(obj(k.body.spec).ignoreMissingComponents) === true) return;
      // Known to be missing from this repository's own Git source: kustomize stops ("accumulating
      // components"), and Flux applies nothing of the Kustomization.
      if (dir !== null && fromGit && tree.surelyMissing(dir, true)) {
        const id = ksName(k);
        report(finding('FLUX_COMPONENT_MISSING', 'error', `spec.components entry "${entry}" names ${dir}, ${tree.absence(dir)} (resolved from spec.path ${path || '.'}): kustomize stops at it, so Flux applies nothing of Kustomization ${id}. Add the component, remove the entry, or set spec.ignoreMissingComponents: true.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
        k.blockedBy ??= blockedReason(id, `a component it names is not in the repository, ${k.file}:${line}`);
        return;
      }
      report(finding('FLUX_COMPONENT_MISSING', 'warning', `spec.components entry "${entry}" is not a folder of this repository (resolved from spec.path ${path || '.'}).`, { file: k.file, line, col: 1 }, { area: 'flux' }));
      return;
    }
    if (!tree.hasDir(dir)) {
      // A file: Flux adds the entry to the kustomization.yaml's components, and kustomize builds a
      // component only from a folder ("must build at directory: ... file is not directory").
      const id = ksName(k);
      report(finding('KUSTOMIZE_FIELD_INVALID', 'error', `Kustomization ${id} cannot be built: spec.components entry "${entry}" names the file ${dir}; kustomize builds a component only from a folder ("must build at directory: file is not directory"), so Flux applies nothing of it. Name the folder, with a kustomization.yaml of kind Component.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
      k.blockedBy ??= blockedReason(id, `a spec.components entry names a file, not a folder, ${k.file}:${line}`);
      return;
    }
    if (built.has(dir)) return;
    // A folder kustomize takes for no Component: Flux adds the entry to the components of the path's
    // kustomization.yaml, and kustomize reads it as it reads any there, so a kustomization.yaml of kind
    // Kustomization ("expected kind 'Component'"), or none ("unable to find one of 'kustomization.yaml'"),
    // stops the build (outside review: not said, and every app shown active). Its objects are still
    // shown, as written, held back with the rest.
    const own = tree.byDir.get(dir);
    // (A Component the build did not take in, that of a path that is a file: FLUX_PATH_IS_FILE says that.)
    if (own?.component !== true) {
      const id = ksName(k);
      const at = { file: k.file, line, col: 1 };
      if (own === undefined) report(finding('KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION', 'error', `Kustomization ${id} cannot be built: spec.components entry "${entry}" names ${dir}, a folder without a kustomization.yaml kustomize reads; kustomize stops ("unable to find one of 'kustomization.yaml'"). Give that folder a kustomization.yaml with kind: Component.`, at, { area: 'flux' }));
      else report(finding('KUSTOMIZE_FIELD_INVALID', 'error', `Kustomization ${id} cannot be built: ${componentKindMessage(`spec.components entry "${entry}"`, own.file)}`, at, { area: 'flux' }));
      k.blockedBy ??= blockedReason(id, `a spec.components entry names a folder that is no kustomize Component, ${k.file}:${line}`);
    }
    // Flux adds the components to the kustomization.yaml at spec.path, so its `namespace:` (inside
    // targetNamespace) is theirs too; else an object keeps its own. The Kustomization's own namespace
    // is never a default: a namespaced object with none fails Flux's apply ("namespace not specified").
    const outer = target ?? tree.byDir.get(tree.hasFile(path) ? dirOf(path) : path)?.namespace ?? null;
    for (const { file, namespace } of expandPlacements(tree, dir, outer)) {
      for (const d of byFile.get(file) ?? []) {
        if (d.raw.disabled || d.isKustomizeFile) continue;
        out.push(copyOf(d, k, run, namespace ?? explicitNs(d), namespace));
      }
    }
  });
  return out;
}
