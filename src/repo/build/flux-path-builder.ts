/**
 * The kustomize side of a Flux build: `kustomize build <path>` over the documents as they were read,
 * the problems that stop a Kustomization's build as a whole, and the files kustomization.yaml files
 * name as patches. Flux's own steps (ownership, targetNamespace, components, patches, substitution)
 * are in flux-build.ts.
 */
import { arr, obj, str } from '../../model/values.ts';
import { KustomizeBuilder } from './kustomize-build.ts';
import type { KResource } from './kustomize-resource.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { INCOMPLETE, problemSink, type BuildProblem } from './kustomize-problems.ts';
import { checkHeader } from './kustomize-checks.ts';
import { OBJECT_NAME } from '../../model/credential-key.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import { resNs } from './kustomize-resource.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { DEFAULT_IGNORED, SOURCE_IGNORED } from './source-ignore.ts';
import { declaredPatches } from './patches.ts';
import { isInlineEntry } from './kustomize-patches.ts';
import { dirOf, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/** The builder's problems that stop a Flux Kustomization's build as a whole: the finding, and the reason its apps give. */
export const FATAL = {
  CYCLE: { code: 'KUSTOMIZE_CYCLE', why: 'a cycle of kustomize folders', message: (builder: string) => builder },
  NOT_A_KUSTOMIZATION: {
    code: 'KUSTOMIZE_FOLDER_WITHOUT_KUSTOMIZATION',
    why: 'a folder it lists has no kustomization.yaml kustomize can build',
    message: (builder: string) =>
      builder.includes('kustomization.yaml is empty') ? builder : builder.includes('Component "') ? `${builder} Give that folder a kustomization.yaml with kind: Component.` : `${builder} Give that folder a kustomization.yaml, or list its files instead.`,
  },
  FILE_MISSING: {
    code: 'KUSTOMIZE_FILE_MISSING',
    why: 'a file a kustomization.yaml it builds names is not in the repository',
    message: (builder: string) =>
      `${builder} kustomize stops at a file it cannot read ("no such file or directory"), so Flux applies nothing of this Kustomization. ${
        builder.includes(DEFAULT_IGNORED)
          ? "Keep the content in a file the artifact holds (base64 in a text file, say), or set the GitRepository's spec.ignore, which replaces the default list."
          : builder.includes(SOURCE_IGNORED)
            ? 'Take the path out of that pattern (or add a `!` pattern after it that takes it back), or remove the entry.'
            : 'Add the file (committed: Flux builds what is in Git), or remove the entry.'
      }`,
  },
  UNREADABLE_FILE: {
    code: 'KUSTOMIZE_FILE_UNREADABLE',
    why: 'a file it builds is not readable YAML for kustomize',
    message: (builder: string) => `${builder} Fix the file (the YAML finding at that line says what is wrong).`,
  },
  UNKNOWN_FIELD: {
    code: 'KUSTOMIZE_UNKNOWN_FIELD',
    why: 'a kustomization.yaml it builds has a field kustomize does not know',
    message: (builder: string) => `${builder} Remove the field (a Flux Kustomization's settings go in its own spec, not in kustomization.yaml).`,
  },
  FIELD_INVALID: {
    code: 'KUSTOMIZE_FIELD_INVALID',
    why: 'a kustomization.yaml it builds has an entry kustomize cannot read',
    message: (builder: string) => builder,
  },
  COMPONENT_AS_RESOURCE: {
    code: 'KUSTOMIZE_FIELD_INVALID',
    why: 'a kustomization.yaml it builds lists a Component under resources:',
    message: (builder: string) => builder,
  },
  KUSTOMIZATION_AS_COMPONENT: {
    code: 'KUSTOMIZE_FIELD_INVALID',
    why: 'a kustomization.yaml it builds lists a folder under components: that is no Component',
    message: (builder: string) => builder,
  },
  WRONG_API_VERSION: {
    code: 'KUSTOMIZE_WRONG_API_VERSION',
    why: 'a kustomization.yaml it builds has an apiVersion or kind kustomize refuses',
    message: (builder: string) =>
      / says kind /.test(builder) ? `${builder} Write kind: Kustomization (or Component).` : / first document/.test(builder) ? builder : `${builder} Write kustomize.config.k8s.io/v1beta1 (v1alpha1 for a Component), or leave apiVersion out.`,
  },
  PATCH_NO_TARGET: {
    code: 'PATCH_NO_TARGET',
    why: 'a patch of a kustomization.yaml it builds matches no object',
    message: (builder: string) => `${builder} A strategic-merge patch without a target must match an object of the build by its kind, name and namespace ("failed to find unique target for patch"). Correct them, or remove the patch.`,
  },
  ID_CONFLICT: {
    code: 'KUSTOMIZE_DUPLICATE_RESOURCE',
    why: 'an object is in its build twice',
    message: (builder: string) => (/ generator "/.test(builder) ? `${builder} Give the generator behavior: merge (or replace), or another name.` : `${builder} List each file or folder once, and give each object its own name.`),
  },
  MISSING_NAME: {
    code: 'KUSTOMIZE_RESOURCE_UNNAMED',
    why: 'a manifest it builds has no metadata.name',
    message: (builder: string) => `${builder} Give the object a metadata.name (a \`...List\` needs none), or take its file out of the build.`,
  },
  NOT_KUBERNETES_YAML: {
    code: 'KUSTOMIZE_NOT_KUBERNETES_YAML',
    why: 'a YAML file below its path is not a Kubernetes manifest, and Flux generates its kustomization.yaml from every one',
    message: (builder: string) =>
      `${builder} Flux generates the kustomization.yaml of a path that has none from every YAML file below it and stops at one that is not a Kubernetes manifest ("failed to decode Kubernetes YAML"). Add a kustomization.yaml that lists the manifests, move the file out of the path, or name it in a .sourceignore.`,
  },
  HELM_CHARTS: {
    code: 'KUSTOMIZE_HELM_CHARTS',
    why: 'helmCharts, which the kustomize-controller does not inflate',
    message: () =>
      'the kustomize-controller runs kustomize without --enable-helm, so `helmCharts` fails the build ("must specify --enable-helm"). Deploy the chart with a HelmRelease (postRenderers take kustomize patches).',
  },
} as const;
type FatalProblem = BuildProblem & { code: keyof typeof FATAL };
const isFatal = (p: BuildProblem): p is FatalProblem => Object.hasOwn(FATAL, p.code);

export interface PathBuilder {
  /**
   * The objects `kustomize build <path>` makes from documents (generated ones left out), bodies fresh,
   * and why Flux's build of it would stop altogether (a cycle of folders, helmCharts). `cluster`: the
   * named cluster whose Flux builds it, where the repository has several (generatedClusters).
   */
  build(
    path: string,
    /**
     * The folders of the Components a Flux Kustomization's spec.components adds: Flux appends them to
     * the kustomization.yaml at the path, so kustomize runs them (their resources, patches and
     * transformers, over the path's objects too) before that file's own patches and transformers,
     * which then run over the components' objects as well. Their objects are among `objects`, marked
     * KResource.fluxComponent.
     */
    components?: readonly string[],
    cluster?: string | null,
  ): {
    objects: (KResource & { doc: WorkDoc; placedIn: string | null })[];
    /** Why the build would stop: the build of the path with the given components in it, as Flux runs it. */
    fatal: FatalProblem[];
    /** A patch that does not apply once the components are in the build (theirs, or the path's over what they changed). */
    componentPatchFailed: readonly BuildProblem[];
    /** Every object the build makes, generated ones too, as kustomize leaves them (what a Flux patch can select). */
    all: readonly KResource[];
    /** The build could not follow everything (a remote resource, a missing path): what it makes is not all Flux makes. */
    incomplete: boolean;
    /**
     * The path's own kustomization.yaml sets namespace, namePrefix or nameSuffix: kustomize runs those after
     * the patches Flux adds to it (spec.patches), so those patches select objects by their names before it,
     * which `all` (after it) does not show.
     */
    renames: boolean;
    /**
     * The remote resources and components of the build (kustomize fetches them, this build does not),
     * each with the namespace a kustomization of the build puts their content in (BuildProblem.namespace).
     */
    remotes: readonly BuildProblem[];
  };
  /** The kustomization files built so far. */
  built(): ReadonlySet<string>;
  /**
   * The names the builds so far gave generated objects (configMapGenerator, secretGenerator), by
   * generatedKey of the kustomization file, kind and name as written: a namePrefix or nameSuffix of the
   * folder or of an overlay renames them, and kustomize rewrites the references in that build to match.
   */
  generatedNames(): ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The named clusters whose builds so far made each generated object, by the same key: where the
   * repository has several clusters, one cluster's generator makes no object of another's.
   */
  generatedClusters(): ReadonlyMap<string, ReadonlySet<string>>;
  /** Why the build of a folder would stop (a component's, say), without building copies of its objects. */
  fatal(path: string): FatalProblem[];
  /** What stops kustomize at the Component of `dir` added by a Flux Kustomization's spec.components. */
  componentFatal(dir: string): FatalProblem[];
  /** Whether the folder has a kustomization.yaml of kind Component, which the build of a path can take in. */
  isComponent(dir: string): boolean;
}

/**
 * kustomize over the documents as they were read (the static step has already transformed the
 * documents' own bodies; building from those again would prefix twice). Results point back at the
 * documents of the model.
 */

export function pathBuilder(docs: readonly WorkDoc[], tree: KustomizeTree, rawDocs?: (file: string) => unknown[], onDelete?: KustomizeSource['onDelete']): PathBuilder {
  const original = new Map<WorkDoc, WorkDoc>();
  const byFile = new Map<string, WorkDoc[]>();
  for (const d of docs) {
    const pristine: WorkDoc = { ...d, body: d.raw.value as WorkDoc['body'] };
    original.set(pristine, d);
    (byFile.get(d.file) ?? byFile.set(d.file, []).get(d.file)!).push(pristine);
  }
  // (The builder reads pristine copies: its deletions are told of the documents they copy.)
  const told: KustomizeSource['onDelete'] = onDelete && ((d) => onDelete(original.get(d) ?? d));
  // (The tree of a GitRepository's artifact holds what its ignore rules leave in, and nothing more:
  // only the tree as read, for another kind of source, may hold files its artifact leaves out.)
  const builder = new KustomizeBuilder({ tree, byFile, ignores: tree.leftOutBy === null && tree.sourceIgnore, ...(rawDocs ? { rawDocs } : {}), ...(told ? { onDelete: told } : {}) });
  const generated = new Map<string, Set<string>>();
  const generatedIn = new Map<string, Set<string>>();
  return {
    build(path, components = [], cluster = null) {
      const out: (KResource & { doc: WorkDoc; placedIn: string | null })[] = [];
      const alone = components.length === 0 ? null : builder.problemsOf(path);
      const built = components.length === 0 ? builder.build(path) : builder.buildWith(path, { componentDirs: components });
      // What stops Flux is what stops the build it runs, the components inside it: a component's patch
      // without a target finds the path's objects there, and a patch of the path's own finds the
      // component's (outside review: the component's build on its own, where its patch finds nothing,
      // was blamed on every Kustomization that adds it).
      const problems = built.problems;
      // (Only what the components change: a failure of the path's build alone is the static build's to say.)
      const said = new Set((alone ?? []).map((p) => `${p.file}:${p.line}:${p.message}`));
      const componentPatchFailed = alone === null ? [] : built.problems.filter((p) => p.code === 'PATCH_FAILED' && !said.has(`${p.file}:${p.line}:${p.message}`));
      // The kustomization.yaml at the path itself: Flux's generator tolerates its unknown fields, not its apiVersion or kind.
      const own = tree.byDir.get(path);
      const kdoc = own ? byFile.get(own.file)?.find((d) => d.isKustomizeFile && !d.raw.disabled) : undefined;
      const header = problemSink();
      // (Not where the file's first document is empty, `---` twice: Flux's generator reads that first
      // document, keeps its own defaults and builds nothing, without an error; code review.)
      const firstEmpty = kdoc !== undefined && (kdoc.raw.source.docIndex ?? 0) > 0 && !byFile.get(kdoc.file)!.some((d) => (d.raw.source.docIndex ?? 0) === 0);
      if (kdoc && !firstEmpty) checkHeader(kdoc, header);
      // kustomize leaves a resource annotated `config.kubernetes.io/local-config: "true"` out of what it
      // emits (replacements and its other steps still read it): no object of the cluster.
      const emitted = built.objects.filter((r) => !isLocalConfig(r.body));
      for (const r of emitted) {
        if (r.generated) {
          const key = generatedKey(r.file, str(r.body.kind) ?? '', r.orgName);
          const name = str(obj(r.body.metadata).name);
          if (name !== null) (generated.get(key) ?? generated.set(key, new Set()).get(key)!).add(name);
          if (cluster) (generatedIn.get(key) ?? generatedIn.set(key, new Set()).get(key)!).add(cluster);
        }
        const d = r.doc ? original.get(r.doc) : undefined;
        if (!d || r.generated) continue;
        // The namespace the build placed it in, also for a Namespace object (named after it) or another cluster-scoped one.
        const placedIn = resNs(r) ?? (r.body.kind === 'Namespace' ? (str(obj(r.body.metadata).name) ?? null) : null);
        out.push({ ...r, doc: d, placedIn });
      }
      const incomplete = problems.some((p) => INCOMPLETE.has(p.code));
      const top = kdoc ? obj(kdoc.body) : {};
      const renames = ['namespace', 'namePrefix', 'nameSuffix'].some((k) => str(top[k]) !== null && str(top[k]) !== '');
      const remotes = built.problems.filter((p) => p.code === 'REMOTE_RESOURCE');
      return { objects: out, fatal: [...header.list, ...problems].filter(isFatal), componentPatchFailed, all: emitted, incomplete, renames, remotes };
    },
    built: () => builder.built,
    generatedNames: () => generated,
    generatedClusters: () => generatedIn,
    fatal: (path) => builder.problemsOf(path).filter(isFatal),
    componentFatal: (dir) => builder.componentProblems(dir).filter(isFatal),
    isComponent: (dir) => {
      const k = tree.byDir.get(dir);
      return k !== undefined && byFile.get(k.file)?.find((d) => d.isKustomizeFile && !d.raw.disabled)?.kind === 'Component';
    },
  };
}

/**
 * What the builds named a kustomization file's generator objects, where a prefix or suffix renamed them
 * (builtAs), and the clusters whose builds ran them (clusters), from PathBuilder.generatedNames and
 * generatedClusters. In place.
 */
export function withBuiltNames(k: KustomizeFile, names: ReadonlyMap<string, ReadonlySet<string>>, clustersOf: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [kind, list] of [['ConfigMap', k.configMapGenerators], ['Secret', k.secretGenerators]] as const) {
    for (const g of list) {
      const key = generatedKey(k.file, kind, g.name);
      const renamed = [...(names.get(key) ?? [])].filter((n) => n !== g.name).sort();
      if (renamed.length > 0) g.builtAs = renamed;
      const clusters = clustersOf.get(key);
      if (clusters && clusters.size > 0) g.clusters = [...clusters].sort();
    }
  }
}

/** The key of PathBuilder.generatedNames: a generator entry of a kustomization file, by the kind it makes and its name as written. */
function generatedKey(file: string, kind: string, name: string): string {
  return `${file}\u0000${kind}\u0000${name}`;
}

/**
 * Files that kustomization.yaml files name as patches (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902`): partial objects that change others, never objects of their own. So are the
 * configurations of `transformers:`, `generators:` and `validators:` (a builtin PatchTransformer):
 * kustomize runs them, it applies none of them.
 */
export function patchFilesOf(docs: readonly WorkDoc[]): Set<string> {
  const out = new Set<string>();
  // A file of Flux Kustomization fragments whose name no API server accepts (`this field is ignored,
  // but required`, kustomize's own wording for a patch's placeholder) and with no sourceRef: a patch
  // file, wherever it is (a copy left beside the one a kustomization.yaml names; outside review: read as
  // a root Kustomization of the whole repository, it applied everything a second time).
  // So is one that only adds to a Kustomization defined elsewhere (the same name, with a sourceRef and a
  // path): no sourceRef and no path of its own (`flux-system-patch.yaml` with spec.decryption), unless a
  // kustomization.yaml lists it as a resource (outside review: read as a second flux-system, it made
  // each the other's owner, so no root was found and every app's checks went quiet).
  // (Only in a folder with a kustomization.yaml: where Flux writes one itself, it lists every manifest,
  // this one too, and the API server refuses it for want of a sourceRef; code review.)
  const complete = new Set<string>();
  const kustomizeDirs = new Set<string>();
  for (const d of docs) {
    if (d.raw.disabled) continue;
    if (d.isFluxKs && obj(d.body.spec).sourceRef !== undefined && obj(d.body.spec).path !== undefined) complete.add(str(obj(d.body.metadata).name) ?? '');
    if (d.isKustomizeFile) kustomizeDirs.add(dirOf(d.file));
  }
  // (Resolved only where a fragment may be one: every kustomization's entries cost a build of many apps.)
  let listed: Set<string> | null = null;
  const listedAsResource = (file: string): boolean => {
    if (listed === null) {
      listed = new Set<string>();
      for (const d of docs) if (d.isKustomizeFile && !d.raw.disabled) for (const r of arr(d.body.resources)) if (str(r) !== null) listed.add(resolveIn(dirOf(d.file), str(r)!) ?? '');
    }
    return listed.has(file);
  };
  const fragmentFiles = new Map<string, boolean>();
  for (const d of docs) {
    if (d.isKustomizeFile || d.raw.disabled) continue;
    if (!d.isFluxKs) {
      fragmentFiles.set(d.file, false);
      continue;
    }
    const name = str(obj(d.body.metadata).name) ?? '';
    const spec = obj(d.body.spec);
    const addsTo = () => spec.path === undefined && complete.has(name) && kustomizeDirs.has(dirOf(d.file)) && !listedAsResource(d.file);
    const fragment = spec.sourceRef === undefined && !name.includes('${') && (!OBJECT_NAME.test(name) || addsTo());
    fragmentFiles.set(d.file, (fragmentFiles.get(d.file) ?? true) && fragment);
  }
  for (const [file, all] of fragmentFiles) if (all) out.add(file);
  for (const k of docs) {
    if (!k.isKustomizeFile || k.raw.disabled) continue;
    // (Not a file a kustomization.yaml also lists as a resource: a base's `hr.yaml` that an overlay gives
    // again as a patch is an object of the base's build; outside review: the HelmRelease vanished from
    // the model, its app showed no chart. Its role is per reference.)
    for (const p of declaredPatches(k.body, false)) {
      const file = p.path ? resolveIn(dirOf(k.file), p.path) : null;
      if (file && !listedAsResource(file)) out.add(file);
    }
    for (const key of ['transformers', 'generators', 'validators']) {
      for (const t of arr(k.body[key])) {
        const s = str(t);
        const file = s !== null && !isInlineEntry(s) ? resolveIn(dirOf(k.file), s) : null;
        if (file) out.add(file);
      }
    }
  }
  return out;
}

/** kustomize's local-config annotation: an input of the build (a replacements source), never emitted. */
export function isLocalConfig(body: Record<string, unknown>): boolean {
  return str(obj(obj(body.metadata).annotations)['config.kubernetes.io/local-config']) === 'true';
}
