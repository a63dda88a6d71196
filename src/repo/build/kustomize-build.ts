import { arr, isObj, str, type Obj } from '../../model/values.ts';
import { runGenerators } from './kustomize-generators.ts';
import { fixNameReferences } from './kustomize-nameref.ts';
import { applyPatches } from './kustomize-patches.ts';
import { problemSink, type BuildProblem, type ProblemSink } from './kustomize-problems.ts';
import { applyReplacements } from './kustomize-replacements.ts';
import { cloneRes, fromDoc, resId, resKind, resName, type KResource } from './kustomize-resource.ts';
import { applyAnnotations, applyImages, applyLabels, applyNamespace, applyPrefixSuffix, applyReplicas } from './kustomize-transformers.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import { dirOf, isUnder, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * The fields of kustomize's Kustomization type (api/types/kustomization.go, kustomize v5), which it
 * reads strictly; deprecated ones (bases, vars, patchesStrategicMerge ...) are still fields.
 */
const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements',
  'replicas', 'vars', 'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator',
  'secretGenerator', 'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions', 'configurations',
  'generators', 'transformers', 'validators', 'buildMetadata',
]);

export type { BuildProblem } from './kustomize-problems.ts';
export type { KResource } from './kustomize-resource.ts';

/** Entries added to a folder's kustomization before it is built (what Flux adds from a Kustomization's spec). */
export interface KustomizationExtra {
  namespace?: string | null;
  components?: readonly string[];
  patches?: readonly unknown[];
  images?: readonly unknown[];
  /** Where each added entry is written (`components.0`, `patches.1` ...), for problems about it. */
  origin?: Readonly<Record<string, { file: string; line: number }>>;
}

/** The objects `kustomize build DIR` gives, each with the document it came from, and what kustomize would refuse. */
export interface KustomizeBuild {
  dir: string;
  objects: KResource[];
  problems: BuildProblem[];
}

/**
 * Files source-controller leaves out of every artifact (fluxcd/pkg sourceignore: VCS, CI and tool
 * files such as .sops.yaml), so Flux's generated kustomization.yaml never sees them.
 */
const ALWAYS_IGNORED = /(^|\/)(\.git|\.github|\.circleci)\/|(^|\/)(\.sops\.yaml|\.flux\.yaml|\.goreleaser\.yml|\.travis\.yml|\.gitlab-ci\.yml|appveyor\.yml|\.drone\.yml|cloudbuild\.yaml|codeship-services\.yml|codeship-steps\.yml)$/;

/** The file names kustomize reads as a folder's kustomization. */
const KUSTOMIZATION_NAMES = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

const REMOTE = /^(https?:\/\/|git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/|ssh:\/\/|oci:\/\/|git::)/i;
/** Why a path through a symbolic link is not in Flux's artifact. */
function linkMessage(what: string, path: string, link: string): string {
  return `${what} ${link === path ? `${path} is a symbolic link` : `${path} is inside the symbolic link ${link}`}: Flux's source-controller leaves links out of the artifact it builds from (it archives regular files and folders only), so kustomize finds nothing there. Commit the file itself in place of the link.`;
}

/**
 * Written without a scheme, kustomize 5 fetches only `github.com/...`: a `gitlab.com/...` or
 * `bitbucket.org/...` entry is a path of the repository to it ("evalsymlink failure on .../gitlab.com").
 */
const LOCAL_LOOKING_REMOTE = /^(gitlab\.com|bitbucket\.org)\//i;

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
  /** Objects a Flux-generated folder list brought in (see append). */
  private readonly generatedListing = new WeakSet<KResource>();
  private readonly src: KustomizeSource;
  /** Every kustomization file this builder has built (its resources, generators and transformers run). */
  readonly built = new Set<string>();

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

  /**
   * Build a folder as if its kustomization.yaml (generated by Flux's rule when there is none) also
   * had the given entries: `namespace` replaces the file's own, the lists are appended to its own.
   * This is how the kustomize-controller edits the kustomization of a Kustomization's path before
   * building it (kustomize-flux.ts). Problems about an added entry name `origin[key.i]` when given.
   */
  buildWith(dir: string, extra: KustomizationExtra): KustomizeBuild {
    const sink = problemSink();
    const ra: KResource[] = [];
    const base = this.kustomizationDoc(dir);
    if (!base) this.fluxDir(dir, ra, sink, [dir], true);
    const body: Obj = base ? { ...base.body } : { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
    const lines: Record<string, number> = { ...(base?.raw.lines ?? {}) };
    const origin = new Map<number, { file: string; line: number }>();
    let sentinel = -1;
    if (extra.namespace) body.namespace = extra.namespace;
    for (const key of ['components', 'patches', 'images'] as const) {
      const added = extra[key] ?? [];
      if (added.length === 0) continue;
      const own = arr(body[key]);
      body[key] = [...own, ...added];
      added.forEach((_, i) => {
        const where = extra.origin?.[`${key}.${i}`];
        if (!where) return;
        origin.set(sentinel, where);
        lines[`${key}.${own.length + i}`] = sentinel--;
      });
    }
    const file = base?.file ?? (dir ? `${dir}/kustomization.yaml` : 'kustomization.yaml');
    const raw = base?.raw ?? { source: { file, line: 1, col: 1 }, value: body, disabled: null, sops: null, redactions: [], lines: {} };
    const kdoc: WorkDoc = { ...(base ?? ({} as WorkDoc)), raw: { ...raw, lines }, file, body, kind: 'Kustomization', isKustomizeFile: true };
    this.accumulate(kdoc, ra, sink, [dir]);
    const problems = sink.list.map((p) => (p.line < 0 && origin.has(p.line) ? { ...p, ...origin.get(p.line)! } : p));
    return { dir, objects: ra, problems };
  }

  private buildShared(dir: string, stack: readonly string[]): KustomizeBuild {
    const hit = this.memo.get(dir);
    if (hit) return hit;
    const sink = problemSink();
    const objects: KResource[] = [];
    const kdoc = this.kustomizationDoc(dir);
    // A folder built on its own (a Flux Kustomization's path) gets the kustomization.yaml Flux generates;
    // one a kustomization.yaml lists without having its own is NOT_A_KUSTOMIZATION (addResource).
    if (!kdoc) this.fluxDir(dir, objects, sink, [...stack, dir], stack.length === 0);
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

  /**
   * kustomize reads the kustomization.yaml of a folder it is given strictly: an unknown field (a Flux
   * Kustomization's `spec:` written into it) stops the build ("invalid Kustomization: json: unknown
   * field"). Not the one at a Flux Kustomization's own path: the kustomize-controller reads that one
   * leniently and writes it back (fluxcd/pkg's generator), dropping what it does not know.
   */
  private checkFields(kdoc: WorkDoc, sink: ProblemSink) {
    // kustomize's EnforceFields: an apiVersion, where written, must be the kind's own.
    const apiVersion = typeof kdoc.body.apiVersion === 'string' ? kdoc.body.apiVersion : '';
    const required = kdoc.body.kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
    if (apiVersion !== '' && apiVersion !== required) {
      sink.add('WRONG_API_VERSION', kdoc.file, kdoc.raw.lines.apiVersion ?? kdoc.raw.source.line, `${kdoc.file} says apiVersion ${apiVersion}; kustomize reads a ${kdoc.body.kind === 'Component' ? 'Component' : 'Kustomization'} only as ${required} ("apiVersion for ${kdoc.body.kind === 'Component' ? 'Component' : 'Kustomization'} should be ${required}").`);
    }
    for (const key of Object.keys(kdoc.body)) {
      if (KUSTOMIZATION_FIELDS.has(key)) continue;
      sink.add('UNKNOWN_FIELD', kdoc.file, kdoc.raw.lines[key] ?? kdoc.raw.source.line, `${kdoc.file} has the field "${key}", which kustomize does not know ("invalid Kustomization: json: unknown field").`);
    }
  }

  /**
   * The files a kustomization names besides its resources and components: generator inputs, patch,
   * replacement, configuration, CRD and OpenAPI files, and transformer, generator and validator
   * configurations. kustomize reads each while it builds and stops at one that is not there
   * ("evalsymlink failure on ...: no such file or directory"); this build never reads them, so each is
   * looked up. Only a path known to be missing counts (not one the scan left out: see surelyMissing).
   */
  private checkFiles(kdoc: WorkDoc, sink: ProblemSink) {
    const kdir = dirOf(kdoc.file);
    const body = kdoc.body;
    const tree = this.src.tree;
    const missing: { line: number; message: string }[] = [];
    // `said` words the message instead of the entry itself: a secretGenerator's entry may be a value
    // written where a file belongs (`files: [password=hunter2]`), which no message may repeat.
    const check = (entry: string | null, at: string, what: string, said?: string) => {
      if (entry === null || entry === '' || entry.includes('\n') || REMOTE.test(entry) || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return;
      const path = resolveIn(kdir, entry);
      if (path === null) return;
      const link = tree.linkOf(path);
      if (link !== null) {
        missing.push({ line: kdoc.raw.lines[at] ?? kdoc.raw.source.line, message: said ?? linkMessage(`${what} "${entry}":`, path, link) });
        return;
      }
      if (!tree.surelyMissing(path)) return;
      missing.push({ line: kdoc.raw.lines[at] ?? kdoc.raw.source.line, message: said ?? `${what} "${entry}" names ${path}, which is not in the repository.` });
    };
    for (const key of ['configMapGenerator', 'secretGenerator'] as const) {
      arr(body[key]).forEach((g, i) => {
        if (!isObj(g)) return;
        const secret = key === 'secretGenerator';
        const name = str(g.name) ?? '?';
        arr(g.files).forEach((f, j) => {
          const entry = str(f);
          if (entry === null) return;
          // `key=path`: kustomize splits at the first `=`.
          const eq = entry.indexOf('=');
          const said = secret ? `The secretGenerator "${name}" names a file${eq > 0 ? ` for key "${entry.slice(0, eq)}"` : ''} that is not in the repository (a secretGenerator's entries are not repeated here).` : undefined;
          check(eq >= 0 ? entry.slice(eq + 1) : entry, `${key}.${i}.files.${j}`, `The ${key} file`, said);
        });
        const envSaid = secret ? `The secretGenerator "${name}" names an env file that is not in the repository (a secretGenerator's entries are not repeated here).` : undefined;
        arr(g.envs).forEach((f, j) => check(str(f), `${key}.${i}.envs.${j}`, `The ${key} env file`, envSaid));
        check(str(g.env), `${key}.${i}.env`, `The ${key} env file`, envSaid);
      });
    }
    for (const key of ['configurations', 'crds'] as const) arr(body[key]).forEach((f, i) => check(str(f), `${key}.${i}`, key === 'crds' ? 'The CRD file' : 'The configurations file'));
    for (const key of ['patches', 'patchesJson6902', 'replacements'] as const) {
      arr(body[key]).forEach((p, i) => {
        if (isObj(p)) check(str(p.path), `${key}.${i}.path`, key === 'replacements' ? 'The replacement file' : 'The patch file');
      });
    }
    // An entry of these lists is a file when it is one line that is no inline object or list (JSON or YAML).
    const inline = (s: string) => /^\s*[[{]/.test(s) || /:\s/.test(s);
    arr(body.patchesStrategicMerge).forEach((p, i) => {
      const s = str(p);
      if (s !== null && !inline(s)) check(s, `patchesStrategicMerge.${i}`, 'The patch file');
    });
    if (isObj(body.openapi)) check(str(body.openapi.path), 'openapi.path', 'The OpenAPI schema file');
    for (const key of ['transformers', 'generators', 'validators'] as const) {
      arr(body[key]).forEach((t, i) => {
        const s = str(t);
        if (s !== null && !inline(s)) check(s, `${key}.${i}`, `The ${key.slice(0, -1)} configuration`);
      });
    }
    // In the order of the file, so the first one named (why its apps are not deployed) is the first line.
    for (const m of missing.sort((a, b) => a.line - b.line)) sink.add('FILE_MISSING', kdoc.file, m.line, m.message);
  }

  /** kustomize's accumulateTarget: resources, components, generators, transformers, in that order. */
  private accumulate(kdoc: WorkDoc, ra: KResource[], sink: ProblemSink, stack: readonly string[]) {
    this.built.add(kdoc.file);
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
    this.checkFiles(kdoc, sink);
    for (const key of ['helmCharts', 'helmChartInflationGenerator']) {
      if (arr(body[key]).length > 0) sink.add('HELM_CHARTS', kdoc.file, lineOf(key), `${key} need \`kustomize build --enable-helm\`; their objects are not part of this build.`);
    }
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
    if (LOCAL_LOOKING_REMOTE.test(entry)) {
      const target = resolveIn(kdir, entry.replace(/\?.*$/, ''));
      if (target !== null && this.src.tree.surelyMissing(target, true)) {
        sink.add('FILE_MISSING', file, line, `Resource "${entry}" has no scheme, so kustomize reads it as the path ${target} of this repository (it fetches only github.com/... written so); write https://${entry} or a git:: URL.`);
        return;
      }
    }
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
    const link = tree.linkOf(target);
    if (link !== null) {
      sink.add('FILE_MISSING', file, line, linkMessage(`Resource "${entry}":`, target, link));
      return;
    }
    if (tree.hasFile(target)) {
      // kustomize's default load restrictor: files must be in or below the kustomization's folder (Flux lifts it).
      if (!isUnder(target, kdir)) sink.add('LOAD_RESTRICTED', file, line, `Resource file "${entry}" is outside ${kdir || '.'}; kustomize's load restrictor refuses it (Flux builds with LoadRestrictionsNone).`);
      this.addFile(target, ra, sink, true);
      return;
    }
    // A folder with no YAML file in it (a README.md alone) is still a folder: kustomize wants its kustomization.yaml.
    if (!tree.hasDir(target) && !tree.hasAnyDir(target)) {
      if (tree.surelyMissing(target, true)) sink.add('FILE_MISSING', file, line, `Resource "${entry}" names ${target}, which is not in the repository.`);
      else sink.add('RESOURCE_MISSING', file, line, `Resource "${entry}" names ${target}, which is not in the repository.`);
      return;
    }
    if (closesCycle(target, stack)) {
      sink.add('CYCLE', file, line, `Resource "${entry}" is a folder that contains one this build is already in (${cycleOf(target, stack)}); kustomize stops with "cycle detected".`);
      return;
    }
    const sub = this.kustomizationDoc(target);
    if (sub) this.checkFields(sub, sink);
    if (!sub) {
      // A file of that name that is no kustomize Kustomization (empty, or a Flux Kustomization saved so) fails as well.
      const named = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].find((n) => tree.hasFile(`${target}/${n}`));
      const what = named ? `a folder whose ${named} is no kustomize Kustomization (empty, or another kind of object)` : 'a folder without kustomization.yaml';
      sink.add('NOT_A_KUSTOMIZATION', file, line, `Resource "${entry}" is ${what}; kustomize stops (Flux generates a kustomization.yaml only for a Kustomization's own path).`);
    }
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
    const link = target === null ? null : this.src.tree.linkOf(target);
    if (link !== null) {
      sink.add('FILE_MISSING', file, line, linkMessage(`Component "${entry}":`, target!, link));
      return;
    }
    const cdoc = target === null ? null : this.kustomizationDoc(target);
    if (target !== null && !cdoc && this.src.tree.hasDir(target)) {
      // kustomize stops ("unable to find one of 'kustomization.yaml' ... in directory"), as for a resource folder.
      const named = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].find((n) => this.src.tree.hasFile(`${target}/${n}`));
      const what = named ? `a folder whose ${named} is no kustomize Component (empty, or another kind of object)` : 'a folder without kustomization.yaml (a Component needs one, with kind: Component)';
      sink.add('NOT_A_KUSTOMIZATION', file, line, `Component "${entry}" is ${what}; kustomize stops.`);
      return;
    }
    if (target === null || !cdoc) {
      if (target !== null && this.src.tree.surelyMissing(target, true)) sink.add('FILE_MISSING', file, line, `Component "${entry}" names ${target}, which is not in the repository.`);
      else sink.add('RESOURCE_MISSING', file, line, `Component "${entry}" is not a folder with a kustomization.yaml.`);
      return;
    }
    this.checkFields(cdoc, sink);
    if (cdoc.kind !== 'Component') {
      sink.add('KUSTOMIZATION_AS_COMPONENT', file, line, `Component "${entry}" is a Kustomization, not a Component (kind: Component).`);
      return;
    }
    if (closesCycle(target, stack)) {
      sink.add('CYCLE', file, line, `Component "${entry}" is a folder that contains one this build is already in (${cycleOf(target, stack)}); kustomize stops with "cycle detected".`);
      return;
    }
    const before = new Set(ra);
    this.accumulate(cdoc, ra, sink, [...stack, target]);
    // Outer calls run last: a component inside a component ends up naming the Kustomization that listed the outer one.
    for (const r of ra) if (!before.has(r)) r.componentOf = file;
  }

  /** Flux's generated kustomization.yaml: every manifest below the folder; sub-folders with their own kustomization.yaml are built. */
  private fluxDir(dir: string, ra: KResource[], sink: ProblemSink, stack: readonly string[], generatedByFlux = false) {
    const { tree } = this.src;
    const files = [...tree.filesIn(dir)].sort();
    // A kustomization.yaml that is no kustomize file (a Flux Kustomization saved under that name): Flux
    // generates nothing here, and kustomize refuses that file for reasons of its own.
    const named = files.find((f) => KUSTOMIZATION_NAMES.test(f));
    const judged = generatedByFlux && named === undefined;
    // Only a file that holds an object of another API (a Flux Kustomization): an empty or commented-out
    // one is no such case.
    const doc = named === undefined ? undefined : this.src.byFile.get(named)?.find((d) => !d.raw.disabled && d.apiVersion !== '' && !d.isKustomizeFile);
    if (generatedByFlux && named !== undefined && doc !== undefined) {
      const what = `${doc.apiVersion} ${doc.kind || 'with no kind'}`;
      sink.add('WRONG_API_VERSION', named, doc?.raw.source.line ?? 1, `${named} is ${what}, yet kustomize reads a file of that name as the folder's kustomization (Flux then generates none) and refuses it ("apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1"). Rename it (a Flux Kustomization's file is usually ks.yaml).`);
    }
    for (const f of files) {
      if (judged) this.checkKubernetesYaml(f, sink);
      this.addFile(f, ra, sink, false, true);
    }
    for (const sub of tree.subdirsOf(dir)) {
      if (this.kustomizationDoc(sub)) {
        if (stack.includes(sub)) continue;
        const built = this.buildShared(sub, stack);
        sink.merge(built.problems);
        for (const r of built.objects) this.append(cloneRes(r), ra, sink, true);
      } else this.fluxDir(sub, ra, sink, stack, judged);
    }
  }

  /**
   * Flux generates the kustomization.yaml of a folder that has none from every YAML file below it, and
   * decodes each file as Kubernetes manifests first (fluxcd/pkg kustomize generator): a chart's
   * values.yaml or a kustomizeconfig.yaml there stops the build ("failed to decode Kubernetes YAML ...
   * missing Resource metadata"). Not judged where the source may leave files out (a .sourceignore, a
   * GitRepository's spec.ignore), nor for the files source-controller always leaves out.
   */
  private checkKubernetesYaml(file: string, sink: ProblemSink) {
    if (this.src.ignores || !this.src.rawDocs || ALWAYS_IGNORED.test(file)) return;
    // Flux reads `.yaml` and `.yml` files only, written so; kyaml drops empty documents (`{}`, `[]`).
    if (!/\.ya?ml$/.test(file)) return;
    const docs = this.src.rawDocs(file);
    const notObject = (v: unknown) => (Array.isArray(v) ? v.length > 0 : !isObj(v) || (Object.keys(v).length > 0 && typeof v.kind !== 'string'));
    const index = docs.findIndex((v) => v !== null && v !== undefined && notObject(v));
    if (index < 0) return;
    const line = this.src.byFile.get(file)?.[0]?.raw.source.line ?? 1;
    sink.add('NOT_KUBERNETES_YAML', file, index === 0 ? line : 1, `${file} is YAML but not a Kubernetes manifest (no kind${docs.length > 1 ? ` in its document ${index + 1}` : ''}).`);
  }

  /**
   * `listed`: a kustomization.yaml names the file, so kustomize reads it whatever it holds. A file of a
   * folder Flux generates the list for may be one the source leaves out (`.sourceignore`, `.github/`,
   * `.sops.yaml`), which this build does not know: an unreadable one stops nothing here.
   */
  private addFile(file: string, ra: KResource[], sink: ProblemSink, listed = false, generated = false) {
    const bad = listed ? this.src.tree.unreadable.get(file) : undefined;
    // kustomize stops here; the documents that could be read stay, so the model can show them.
    if (bad) sink.add('UNREADABLE_FILE', file, bad.line, `${file}:${bad.line} ${bad.why}, and kustomize stops at it.`);
    for (const d of this.src.byFile.get(file) ?? []) {
      if (d.raw.disabled || d.isKustomizeFile) continue;
      const r = fromDoc(d);
      if (!resName(r)) {
        sink.add('MISSING_NAME', d.file, d.raw.source.line, `${resKind(r)} without metadata.name; kustomize refuses it.`);
        continue;
      }
      this.append(r, ra, sink, generated);
    }
  }

  /**
   * `generated`: the object is in the build because Flux generates the list of a folder. Where the
   * repository has a `.sourceignore` or a GitRepository `spec.ignore`, the source may leave such a file
   * out (an `*.example.yaml` twin): a clash with one is then not known to stop the build, and is only
   * the model's DUPLICATE_OBJECT.
   */
  private append(r: KResource, ra: KResource[], sink: ProblemSink, generated = false) {
    if (generated) this.generatedListing.add(r);
    let ids = this.ids.get(ra);
    if (!ids) this.ids.set(ra, (ids = new Map(ra.map((o) => [resId(o), o]))));
    const id = resId(r);
    const other = ids.get(id);
    // kustomize refuses the build; both stay, so the model can show the duplicate.
    const maybeLeftOut = (this.src.ignores ?? false) && (generated || this.generatedListing.has(other!));
    if (other && !maybeLeftOut) {
      const twice = other.file === r.file && other.doc === r.doc ? `${r.file} is in this build twice (listed twice, or reached through two folders)` : `${resKind(r)} ${resName(r)} is already in this build (from ${other.file})`;
      sink.add('ID_CONFLICT', r.file, r.doc?.raw.source.line ?? 1, `${twice}; kustomize refuses a second one ("may not add resource with an already registered id").`);
    }
    if (!other) ids.set(id, r);
    ra.push(r);
  }
}

/**
 * kustomize's rule ("cycle detected: candidate root contains visited root"): a folder may not be
 * entered while the build is inside it or inside a folder below it, whether or not that folder would
 * come back round.
 */
function closesCycle(target: string, stack: readonly string[]): boolean {
  return stack.some((visited) => isUnder(visited, target));
}

/** The folders of the cycle, for the message: from the first one the target contains, to the target. */
function cycleOf(target: string, stack: readonly string[]): string {
  const from = stack.findIndex((visited) => isUnder(visited, target));
  return [...stack.slice(from), target].map((d) => d || '.').join(' -> ');
}
