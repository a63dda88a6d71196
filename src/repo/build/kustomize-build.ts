import { arr, str } from '../../model/values.ts';
import { runGenerators } from './kustomize-generators.ts';
import { fixNameReferences } from './kustomize-nameref.ts';
import { applyPatches } from './kustomize-patches.ts';
import { problemSink, type BuildProblem, type ProblemSink } from './kustomize-problems.ts';
import { applyReplacements } from './kustomize-replacements.ts';
import { cloneRes, fromDoc, resId, resKind, resName, type KResource } from './kustomize-resource.ts';
import { applyAnnotations, applyImages, applyLabels, applyNamespace, applyPrefixSuffix, applyReplicas } from './kustomize-transformers.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

export type { BuildProblem } from './kustomize-problems.ts';
export type { KResource } from './kustomize-resource.ts';

/** What a build reads: the repository's folders and files, and the documents read from them. */
export interface KustomizeSource {
  tree: KustomizeTree;
  byFile: ReadonlyMap<string, readonly WorkDoc[]>;
  /** Every document of a file as read, also those that are not objects (a JSON 6902 patch is a list); defaults to the WorkDocs' values. */
  rawDocs?: (file: string) => unknown[];
}

/** The objects `kustomize build DIR` gives, each with the document it came from, and what kustomize would refuse. */
export interface KustomizeBuild {
  dir: string;
  objects: KResource[];
  problems: BuildProblem[];
}

const REMOTE = /^(https?:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/|ssh:\/\/|oci:\/\/|git::)/;

/**
 * A pure, static `kustomize build` (kustomize v5 semantics, https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/)
 * over the documents already read: resources (files and folders with a kustomization.yaml), components,
 * generators, then the transformers in kustomize's order (patches, namespace, prefix/suffix, labels,
 * annotations, JSON 6902 patches, replicas, images, replacements). A folder without kustomization.yaml
 * gets every manifest below it, as Flux generates one for a Kustomization's path
 * (https://fluxcd.io/flux/components/kustomize/kustomizations/#generating-a-kustomizationyaml-file);
 * kustomize itself refuses such a folder, which is recorded as a problem.
 * File contents that are not YAML documents (generator files) are never read: generated objects
 * carry their names and keys, not their data.
 */
export class KustomizeBuilder {
  private readonly memo = new Map<string, KustomizeBuild>();
  /** Ids of a resource list while resources are added; dropped when transformers may rename them. */
  private readonly ids = new WeakMap<KResource[], Map<string, KResource>>();
  private readonly src: KustomizeSource;

  constructor(src: KustomizeSource) {
    this.src = src;
  }

  /** Build one folder; every call returns fresh copies, so callers may change them. */
  build(dir: string): KustomizeBuild {
    const built = this.buildShared(dir, []);
    return { dir, objects: built.objects.map(cloneRes), problems: [...built.problems] };
  }

  /**
   * Build one folder and hand over the builder's own result without copying it: for a folder no
   * other build includes (a root), built once. A later build of the same folder builds it afresh.
   */
  buildOnce(dir: string): KustomizeBuild {
    const built = this.buildShared(dir, []);
    this.memo.delete(dir);
    return built;
  }

  private buildShared(dir: string, stack: readonly string[]): KustomizeBuild {
    const hit = this.memo.get(dir);
    if (hit) return hit;
    const sink = problemSink();
    const objects: KResource[] = [];
    const kdoc = this.kustomizationDoc(dir);
    if (!kdoc) this.fluxDir(dir, objects, sink, [...stack, dir]);
    else {
      if (kdoc.kind === 'Component') sink.add('COMPONENT_BUILT_DIRECTLY', kdoc.file, kdoc.raw.source.line, `${kdoc.file} is a kustomize Component; it is built only as part of a Kustomization.`);
      this.accumulate(kdoc, objects, sink, [...stack, dir]);
    }
    const built = { dir, objects, problems: sink.list };
    this.memo.set(dir, built);
    return built;
  }

  private kustomizationDoc(dir: string): WorkDoc | null {
    const k = this.src.tree.byDir.get(dir);
    if (!k) return null;
    return this.src.byFile.get(k.file)?.find((d) => d.isKustomizeFile && !d.raw.disabled) ?? null;
  }

  /** kustomize's accumulateTarget: resources, components, generators, transformers, in that order. */
  private accumulate(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, stack: readonly string[]) {
    const kdir = dirOf(kdoc.file);
    const body = kdoc.body;
    const lineOf = (key: string) => kdoc.raw.lines[key] ?? kdoc.raw.source.line;
    for (const key of ['resources', 'bases']) {
      arr(body[key]).forEach((e, i) => {
        const entry = str(e);
        if (entry !== null) this.addResource(kdoc.file, kdir, entry, lineOf(`${key}.${i}`), ra, sink, stack);
      });
    }
    arr(body.components).forEach((e, i) => {
      const entry = str(e);
      if (entry !== null) this.addComponent(kdoc.file, kdir, entry, lineOf(`components.${i}`), ra, sink, stack);
    });
    if (arr(body.helmCharts).length > 0) sink.add('HELM_CHARTS', kdoc.file, lineOf('helmCharts'), 'helmCharts need `kustomize build --enable-helm`; their objects are not part of this build.');
    this.ids.delete(ra);
    runGenerators(kdoc, ra, sink);
    applyPatches(kdoc, ra, sink, 'strategic', this.src);
    applyNamespace(body, ra);
    applyPrefixSuffix(body, ra);
    applyLabels(body, ra);
    applyAnnotations(body, ra);
    applyPatches(kdoc, ra, sink, 'json6902', this.src);
    applyReplicas(body, ra);
    applyImages(body, ra);
    applyReplacements(kdoc, ra, sink, this.src);
    fixNameReferences(ra);
  }

  private addResource(file: string, kdir: string, entry: string, line: number, ra: KResource[], sink: ProblemSink, stack: readonly string[]) {
    if (REMOTE.test(entry)) {
      sink.add('REMOTE_RESOURCE', file, line, `Resource "${entry}" is remote; kustomize fetches it, this build does not.`);
      return;
    }
    const target = resolveIn(kdir, entry);
    if (target === null) {
      sink.add('PATH_OUTSIDE_REPO', file, line, `Resource "${entry}" points outside the repository.`);
      return;
    }
    const { tree } = this.src;
    if (tree.hasFile(target)) {
      // kustomize's default load restrictor: files must be in or below the kustomization's folder (Flux lifts it).
      if (!isUnder(target, kdir)) sink.add('LOAD_RESTRICTED', file, line, `Resource file "${entry}" is outside ${kdir || '.'}; kustomize's load restrictor refuses it (Flux builds with LoadRestrictionsNone).`);
      this.addFile(target, ra, sink);
      return;
    }
    if (!tree.hasDir(target)) {
      sink.add('RESOURCE_MISSING', file, line, `Resource "${entry}" names ${target}, which is not in the repository.`);
      return;
    }
    if (stack.includes(target)) {
      sink.add('CYCLE', file, line, `Resource "${entry}" includes a folder that includes this one (a cycle).`);
      return;
    }
    const sub = this.kustomizationDoc(target);
    if (!sub) sink.add('NOT_A_KUSTOMIZATION', file, line, `Resource "${entry}" is a folder without kustomization.yaml; kustomize refuses it (Flux generates one only for a Kustomization's own path).`);
    else if (sub.kind === 'Component') {
      sink.add('COMPONENT_AS_RESOURCE', file, line, `Resource "${entry}" is a kustomize Component; list it under components:.`);
      return;
    }
    const built = this.buildShared(target, stack);
    sink.merge(built.problems);
    for (const r of built.objects) this.append(cloneRes(r), ra, sink);
  }

  private addComponent(file: string, kdir: string, entry: string, line: number, ra: KResource[], sink: ProblemSink, stack: readonly string[]) {
    if (REMOTE.test(entry)) {
      sink.add('REMOTE_RESOURCE', file, line, `Component "${entry}" is remote; kustomize fetches it, this build does not.`);
      return;
    }
    const target = resolveIn(kdir, entry);
    const cdoc = target === null ? null : this.kustomizationDoc(target);
    if (target === null || !cdoc) {
      sink.add('RESOURCE_MISSING', file, line, `Component "${entry}" is not a folder with a kustomization.yaml.`);
      return;
    }
    if (cdoc.kind !== 'Component') {
      sink.add('KUSTOMIZATION_AS_COMPONENT', file, line, `Component "${entry}" is a Kustomization, not a Component (kind: Component).`);
      return;
    }
    if (stack.includes(target)) {
      sink.add('CYCLE', file, line, `Component "${entry}" includes a folder that includes this one (a cycle).`);
      return;
    }
    const before = new Set(ra);
    this.accumulate(cdoc, ra, sink, [...stack, target]);
    // Outer calls run last: a component inside a component ends up naming the Kustomization that listed the outer one.
    for (const r of ra) if (!before.has(r)) r.componentOf = file;
  }

  /** Flux's generated kustomization.yaml: every manifest below the folder; sub-folders with their own kustomization.yaml are built. */
  private fluxDir(dir: string, ra: KResource[], sink: ProblemSink, stack: readonly string[]) {
    const { tree } = this.src;
    for (const f of [...tree.filesIn(dir)].sort()) this.addFile(f, ra, sink);
    for (const sub of tree.subdirsOf(dir)) {
      if (this.kustomizationDoc(sub)) {
        if (stack.includes(sub)) continue;
        const built = this.buildShared(sub, stack);
        sink.merge(built.problems);
        for (const r of built.objects) this.append(cloneRes(r), ra, sink);
      } else this.fluxDir(sub, ra, sink, stack);
    }
  }

  private addFile(file: string, ra: KResource[], sink: ProblemSink) {
    for (const d of this.src.byFile.get(file) ?? []) {
      if (d.raw.disabled || d.isKustomizeFile) continue;
      const r = fromDoc(d);
      if (!resName(r)) {
        sink.add('MISSING_NAME', d.file, d.raw.source.line, `${resKind(r)} without metadata.name; kustomize refuses it.`);
        continue;
      }
      this.append(r, ra, sink);
    }
  }

  private append(r: KResource, ra: KResource[], sink: ProblemSink) {
    let ids = this.ids.get(ra);
    if (!ids) this.ids.set(ra, (ids = new Map(ra.map((o) => [resId(o), o]))));
    const id = resId(r);
    const other = ids.get(id);
    // kustomize refuses the build; both stay, so the model can show the duplicate.
    if (other) sink.add('ID_CONFLICT', r.file, r.doc?.raw.source.line ?? 1, `${resKind(r)} ${resName(r)} is already in this build (from ${other.file}); kustomize refuses a second one.`);
    else ids.set(id, r);
    ra.push(r);
  }
}

/** Build one folder (a fresh builder; use KustomizeBuilder to share work across folders). */
export function kustomizeBuild(dir: string, src: KustomizeSource): KustomizeBuild {
  return new KustomizeBuilder(src).build(dir);
}
