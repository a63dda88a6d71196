import type { ArtifactPush } from '../artifact-pushes.ts';
import { blockedReason } from '../../model/app.ts';
import { finding, type Finding } from '../../model/finding.ts';
import { objectId } from '../../model/k8s-object.ts';
import { arr, bool, cloneData, isObj, obj, str } from '../../model/values.ts';
import { clusterRuns } from './clusters.ts';
import { clusterFolders, onlyOtherCluster } from './cluster-reach.ts';
import { applyNamespace } from './kustomize-transformers.ts';
import { applyFluxTransformers, substituteBuild } from './flux-post-build.ts';
import { FluxSources, isArtifactGenerator } from './flux-sources.ts';
import { FATAL, patchFilesOf } from './flux-path-builder.ts';
import { fluxArtifacts, markLeftOut } from './flux-artifacts.ts';
import { resName, resNs } from './kustomize-resource.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { SOURCE_IGNORED } from './source-ignore.ts';
import { leftOutPhrase } from './source-ignore.ts';
import { dirOf, fluxClimbs, isUnder } from './paths.ts';
import { namespaceNotSpecified } from './namespace-check.ts';
import { SUBSTITUTION_BUDGET, substitutionBudget } from './substitute.ts';
import { fluxVariables, judgedAfterBuilds } from './flux-variables.ts';
import { explicitNs, isClusterScoped, isHelmReleaseFragment, ksName, metaName, type WorkDoc } from './work-doc.ts';
import { sourceKeys } from './external-source.ts';
import { unservedFluxVersion } from '../../model/flux-api-versions.ts';
import { componentCopies, copyOf, type Run } from './flux-copies.ts';
import { applyOwnPatches } from './flux-own-patches.ts';
import { chartSourceKindStops } from './chart-source-kind.ts';
import { findRoots } from './flux-roots.ts';
import { resourceSetCopies } from './resource-set-build.ts';
import { nameStopped, releasesWaiting, stopOf, waitForBlocked } from './flux-stops.ts';

/** kustomize's own API group: its configurations are no objects of a cluster. */
const KUSTOMIZE_CONFIG_GROUP = 'kustomize.config.k8s.io';

export interface FluxBuild {
  /** Every object of the repository: the copies Flux Kustomizations build, and documents no build reaches. */
  objects: WorkDoc[];
  /** Cluster names, when the repository has several (each then built on its own). */
  clusters: string[];
  findings: Finding[];
  /** The kustomization files a build from a cluster root runs: what they generate is deployed. */
  deployedKustomizeFiles: Set<string>;
  /** The kustomization files any build runs, also of Kustomizations no root reaches. */
  builtKustomizeFiles: ReadonlySet<string>;
  /** The names builds gave generated objects (PathBuilder.generatedNames). */
  generatedNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where there are several clusters: the clusters whose builds take in each file (kustomization files among them). */
  fileClusters: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where there are several clusters: the clusters whose builds made each generated object (PathBuilder.generatedClusters). */
  generatedClusters: ReadonlyMap<string, ReadonlySet<string>>;
  /** Run.remotes of the builds from cluster roots. */
  remoteNamespaces: ReadonlyMap<string, ReadonlySet<string | null>>;
}

/**
 * Do what Flux does, cluster by cluster: from each cluster's root Kustomizations, build each
 * Kustomization's path (kustomize files, targetNamespace, components), apply its patches and
 * substitute its variables, and follow the Kustomizations it deploys, breadth-first so that a
 * parent's patch or variable is in place before a child is built.
 *
 * Every object a build deploys is a copy of its document, owned by that build: a base folder that
 * two clusters include is two sets of objects, each substituted with its own cluster's values, and a
 * component folder included by several namespaces makes its objects in each. Documents no build
 * reaches stay as they were read (shown as not deployed).
 */
export function buildFlux(docs: readonly WorkDoc[], tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>, rawDocs?: (file: string) => unknown[], pushes: readonly ArtifactPush[] = []): FluxBuild {
  const findings: Finding[] = [];
  const patchFiles = patchFilesOf(docs);
  const fluxDocs = docs.filter((d) => d.isFluxKs && !d.raw.disabled && !patchFiles.has(d.file));
  const generators = docs.filter((d) => isArtifactGenerator(d) && !d.raw.disabled);
  // Each source the repository defines, with its URL (one repository may be defined under two names).
  // (The URL with the ref it follows: another branch of the same URL is another tree.)
  const sourceDocs = docs.filter((d) => d.group === 'source.toolkit.fluxcd.io' && !d.raw.disabled);
  const definedKey = sourceKeys(fluxDocs, sourceDocs, (d) => d.ns);
  const defined = new Map(
    sourceDocs.map((d) => {
      const url = str(obj(d.body.spec).url);
      return [definedKey(d), url === null ? null : { url, ref: JSON.stringify(obj(d.body.spec).ref ?? null) }] as const;
    }),
  );
  // The OCIRepository a FluxInstance's spec.sync makes (named sync.name, else after its namespace), for the
  // repository's own pushes of that URL (flux-instance.ts).
  for (const d of docs) {
    const sync = obj(obj(d.body.spec).sync);
    const key: `${string}/${string}` = `OCIRepository/${str(sync.name) ?? explicitNs(d) ?? 'flux-system'}`;
    if (d.kind !== 'FluxInstance' || d.group !== 'fluxcd.controlplane.io' || d.raw.disabled || sync.kind !== 'OCIRepository' || defined.has(key)) continue;
    const url = str(sync.url);
    defined.set(key, url === null ? null : { url, ref: JSON.stringify(sync.ref ?? null) });
  }
  const sources = new FluxSources(fluxDocs, tree, generators, defined, pushes);
  for (const k of sources.external) k.externalSource = true;
  const gitRepositories = new Map(sourceDocs.filter((d) => d.kind === 'GitRepository').map((d) => [definedKey(d), d]));

  // Roots: Kustomizations no other one deploys, in a folder or with a name that says "bootstrap".
  const roots = findRoots(fluxDocs, sources, tree, byFile);
  for (const r of roots) r.isRoot = true;

  const deleted: Run['deleted'] = new Map();
  // What a `$patch: delete` of a kustomization.yaml takes out of a folder's build (Flux's own stock
  // NetworkPolicies, say): where no build applies it, it is no object of the cluster, as kustomize says.
  const patchDeleted = new Set<WorkDoc>();
  const artifacts = fluxArtifacts(docs, tree, sources, gitRepositories, rawDocs, (d) => patchDeleted.add(d));
  const substitution = substitutionBudget();
  const ownPatches: Run['ownPatches'] = new Map();
  const afterBuilds: Run['afterBuilds'] = [];
  const stops: Run['stops'] = new Map();
  const remotes: NonNullable<Run['remotes']> = new Map();
  const runs = clusterRuns(roots, (k) => sources.repoPath(k));
  const multi = runs.filter((r) => r.cluster !== null).length > 1;
  const copied = new Set<WorkDoc>();
  const objects: WorkDoc[] = [];
  const fileClusters = new Map<string, Set<string>>();
  const execute = (run: Run, queue: WorkDoc[]) => {
    while (queue.length) {
      const k = queue.shift()!;
      k.reached = run.reached;
      // Another artifact's path is not a folder of ours: owning files through it would steal them.
      if (sources.external.has(k.instanceOf ?? k)) continue;
      for (const child of build(k, run, byFile, docs, sources, findings, copied, patchFiles)) queue.push(child);
    }
  };
  const folders = multi ? clusterFolders(runs, fluxDocs, (k) => sources.repoPath(k)) : new Map<string, string[]>();
  // Each named cluster's own folders: where its roots are written (what its bootstrap applies).
  const rootDirs = runs.flatMap((r) => (multi && r.cluster !== null ? r.roots.map((k) => ({ cluster: r.cluster!, dir: dirOf(k.file) })) : []));
  for (const { cluster, roots: rs } of runs) {
    const here = multi ? cluster : null;
    // A file another cluster's roots' folder holds, or one only another cluster's tree builds (its own
    // `configs/<cluster>/` beside a shared tree): not what this cluster's controllers read.
    const otherCluster = (file: string) =>
      here === null ? null : (rootDirs.find((d) => d.cluster !== here && d.dir !== '' && isUnder(file, d.dir))?.cluster ?? onlyOtherCluster(file, here, folders));
    const run: Run = { artifacts, cluster: here, otherCluster, reached: true, copies: new Map(), generators: [], substitution, ownPatches, deleted, afterBuilds, stops, remotes };
    const rootCopies = rs.map((r) => copyOf(r, null, run, explicitNs(r)));
    for (const c of rootCopies) c.isRoot = true;
    // An ArtifactGenerator in this cluster's own folders maps its ExternalArtifacts.
    run.generators = generators.filter((g) => rs.some((r) => g.file.startsWith(dirOf(r.file))));
    execute(run, rootCopies);
    for (const list of run.copies.values()) for (const c of list) objects.push(c), copied.add(c.instanceOf!);
    // The files this cluster's builds take in: a file only one cluster builds (its overlay) is that cluster's.
    if (here !== null) {
      const paths = new Set<string>();
      for (const list of run.copies.values()) for (const c of list) if (c.isFluxKs && c.resolvedPath != null && !sources.external.has(c.instanceOf ?? c)) paths.add(c.resolvedPath);
      for (const path of paths) for (const file of tree.expand(path, null).keys()) (fileClusters.get(file) ?? fileClusters.set(file, new Set()).get(file)!).add(here);
    }
  }
  // (What the reached builds would take in of the repository as read, but their artifact leaves out.)
  markLeftOut(objects.filter((c) => c.isFluxKs && c.reached === true), artifacts, tree, byFile);
  // What waits (dependsOn) for a Kustomization that is never Ready is held with it. Never Ready too: one
  // written in the repository that no cluster's build applies (switched off, or, where there are roots,
  // reached by none), unless another cluster's folders hold it (that cluster's, not a dependency here).
  const unapplied = docs.filter((d) => d.isFluxKs && !patchFiles.has(d.file) && !copied.has(d) && (d.raw.disabled !== null || roots.length > 0));
  const elsewhere = (file: string, cluster: string | null) =>
    multi && cluster !== null && (rootDirs.some((d) => d.cluster !== cluster && d.dir !== '' && isUnder(file, d.dir)) || onlyOtherCluster(file, cluster, folders) !== null);
  waitForBlocked(objects, unapplied, elsewhere);
  const unappliedReleases = docs.filter((d) => d.kind === 'HelmRelease' && d.group === 'helm.toolkit.fluxcd.io' && !patchFiles.has(d.file) && !copied.has(d) && (d.raw.disabled !== null || roots.length > 0));
  releasesWaiting(objects, unappliedReleases, elsewhere);
  const deployedKustomizeFiles = new Set(artifacts.all().flatMap((a) => [...a.kustomize.built()]));
  for (const f of judgedAfterBuilds(afterBuilds, deployedKustomizeFiles, copied, objects)) findings.push(f);
  // A patch of a Kustomization's own spec.patches that selects nothing in any cluster's build: Flux
  // applies it to nothing (no error), so what it sets never reaches the cluster.
  for (const p of ownPatches.values()) {
    if (p.matched) continue;
    findings.push(
      finding('PATCH_NO_TARGET', 'warning', `This spec.patches entry (target ${p.target}) selects no object that this Kustomization builds, so Flux applies it to nothing.`, { file: p.file, line: p.line, col: 1 }, { area: 'flux', objectId: p.ks }),
    );
  }
  // What a `$patch: delete` removed from every build that reached it is not deployed, and says why.
  for (const [d, why] of deleted) if (!copied.has(d)) d.blockedBy ??= why;
  // Kustomizations no root reaches (a folder commented out in its parent, an archive, leftovers):
  // built once, so their objects group into apps, but not deployed.
  const leftover: Run = { artifacts, cluster: null, reached: false, unrun: roots.length > 0, copies: new Map(), generators: [], substitution, ownPatches, deleted, afterBuilds: [], stops };
  for (const k of fluxDocs) {
    if (copied.has(k) || leftover.copies.has(k)) continue;
    execute(leftover, [copyOf(k, null, leftover, explicitNs(k))]);
  }
  for (const list of leftover.copies.values()) for (const c of list) objects.push(c), copied.add(c.instanceOf!);
  nameStopped(stops);

  for (const d of docs) {
    if (copied.has(d) || d.isKustomizeFile || patchFiles.has(d.file) || patchDeleted.has(d)) continue;
    // (A HelmRelease fragment no build applies, an overlay's patch.yaml its kustomization.yaml does not name: no object.)
    if (isHelmReleaseFragment(d)) continue;
    if (!isClusterScoped(d.kind)) d.ns = d.kustomizeNs ?? explicitNs(d) ?? tree.nearestNamespace(dirOf(d.file)) ?? 'default';
    // Files beside a cluster's roots (`clusters/<name>/artifacts.yaml`) are applied by that cluster's
    // bootstrap (flux-system's own Kustomization) even where its sync file is not in the repository.
    const bootstrap = multi && !d.archived && !d.raw.disabled ? runs.find((r) => r.cluster !== null && r.roots.some((root) => dirOf(root.file) === dirOf(d.file))) : undefined;
    if (bootstrap) {
      const copy: WorkDoc = { ...d, body: cloneData(d.body), instanceOf: d, cluster: bootstrap.cluster, reached: true };
      objects.push(copy);
      continue;
    }
    objects.push(d);
  }
  findings.push(...namespaceNotSpecified(objects, docs));
  // (Said to be defaulted: no manifest names `default`, and a namespace of its own nothing runs in is
  // not made of it; outside review, a NETWORK_POLICY_MISSING for such a `default`.)
  for (const o of objects) if (o.ns === null && !isClusterScoped(o.kind)) (o.ns = 'default'), (o.nsDefaulted = true);
  const clusters = multi ? [...new Set(runs.map((r) => r.cluster).filter((c): c is string => c !== null))].sort() : [];
  const built = artifacts.all();
  return { objects, clusters, findings, deployedKustomizeFiles, builtKustomizeFiles: new Set(built.flatMap((a) => [...a.kustomize.built()])), generatedNames: merged(built.map((a) => a.kustomize.generatedNames())), fileClusters, generatedClusters: merged(built.map((a) => a.kustomize.generatedClusters())), remoteNamespaces: remotes };
}

/** The union of what several artifacts' builds say, by key (one build's map alone in the common case). */
function merged(maps: readonly ReadonlyMap<string, ReadonlySet<string>>[]): ReadonlyMap<string, ReadonlySet<string>> {
  if (maps.length === 1) return maps[0]!;
  const out = new Map<string, Set<string>>();
  for (const m of maps) for (const [key, values] of m) for (const v of values) (out.get(key) ?? out.set(key, new Set()).get(key)!).add(v);
  return out;
}

/** Build one Flux Kustomization: copy its documents, patch, substitute; return the child Kustomizations. */
function build(
  k: WorkDoc,
  run: Run,
  byFile: ReadonlyMap<string, WorkDoc[]>,
  docs: readonly WorkDoc[],
  sources: FluxSources,
  findings: Finding[],
  copiedBefore: ReadonlySet<WorkDoc>,
  patchFiles: ReadonlySet<string>,
): WorkDoc[] {
  const spec = obj(k.body.spec);
  const rawPath = str(spec.path) ?? '';
  const pathLine = k.raw.lines['spec.path'] ?? k.raw.source.line;
  const path = sources.repoPath(k, run.generators);
  k.resolvedPath = path;
  const once = run.cluster === null || run.reached === false;
  const report = (f: Finding) => {
    // A finding about the repository's text is made once, not once per cluster.
    if (once || !findings.some((g) => g.code === f.code && g.source.file === f.source.file && g.source.line === f.source.line)) findings.push(f);
  };
  // The API server refuses a Kustomization without a field its API requires (a patch fragment listed
  // as a resource): it builds nothing, and the dry-run of what applies it fails.
  const missing = ['sourceRef', 'interval', 'prune'].filter((f) => spec[f] === undefined || spec[f] === null);
  // (Only where a live build applies it: one no root reaches is still built, to group its objects.)
  // (Judged where spec.sourceRef is missing, which leaves nothing to build; `interval` and `prune` are named with it.)
  if (missing.includes('sourceRef') && run.reached && !run.unrun && !k.isRoot && /^kustomize\.toolkit\.fluxcd\.io\/v1(beta[12])?$/.test(k.apiVersion)) {
    k.resolvedPath = null;
    const by = k.owners[0] ? `Kustomization ${ksName(k.owners[0])}` : 'the Kustomization that applies it';
    report(finding('FLUX_SPEC_INVALID', 'error', `Kustomization ${ksName(k)} has no ${missing.map((f) => `spec.${f}`).join(', ')}, which its API requires; the API server refuses it ("Required value"), so it builds nothing and the apply of ${by} fails. Give it the field${missing.length > 1 ? 's' : ''}, or make the file a patch (listed under patches:, not resources:).`, { file: k.file, line: k.raw.source.line, col: 1 }, { area: 'flux' }));
    return [];
  }
  if (path === null) return [];
  if (fluxClimbs(rawPath)) {
    // Flux joins the path to the source's root with SecureJoin: `..` stops at the root.
    report(finding('FLUX_PATH_OUTSIDE_REPO', 'warning', `spec.path "${rawPath}" climbs above the source's root; Flux stops it at the root and builds "${path === '' ? './' : `./${path}`}". A Kustomization's path is relative to the root of its source, not to its own file: write that.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
  }
  if (rawPath.includes('${')) return [];
  // What its source's artifact holds: for this repository's own GitRepository, what the ignore rules leave in.
  let { tree, kustomize } = run.artifacts.of(k);
  // (Flux does not build what no root reaches, nor what is suspended; FLUX_SUSPENDED says so.)
  const builds = !run.unrun && bool(spec.suspend) !== true;
  const leftOut = tree.leftOutOf(path);
  if (leftOut !== null) {
    // The ignore rules leave out every file of the path: the artifact has no such folder, and the
    // kustomize-controller stops ("kustomization path not found"). Built from the repository as read,
    // so that what it would deploy is shown, kept off.
    ({ tree, kustomize } = run.artifacts.asRead());
    if (builds) {
      const id = ksName(k);
      report(finding('FLUX_PATH_MISSING', 'error', `Kustomization ${id} cannot be built: spec.path "${rawPath}" names ${path || '.'}, which ${leftOutPhrase(leftOut)} ${SOURCE_IGNORED} (every file of it), so the kustomize-controller finds no such path ("kustomization path not found") and Flux applies nothing of it. Take the path out of that pattern (or add a \`!\` pattern after it that takes it back), or point spec.path at a folder the artifact holds.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
      k.blockedBy ??= blockedReason(id, `its spec.path is left out of the artifact by ${leftOutPhrase(leftOut)}, ${k.file}:${pathLine}`);
    }
  }
  if (!tree.hasDir(path) && !tree.hasFile(path)) {
    // A path inside another source (another Git repository, an upstream artifact, one a GitRepository's
    // spec.include copies into this one) is not ours to check.
    if (sources.isOwnSource(k) && !tree.isIncluded(path)) {
      report(finding('FLUX_PATH_MISSING', 'warning', `spec.path "${rawPath}" is not a folder of this repository.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
    }
    return [];
  }
  if (!tree.hasDir(path) && sources.isOwnSource(k)) {
    report(finding('FLUX_PATH_IS_FILE', 'warning', `spec.path "${rawPath}" is a file; Flux builds a folder (the path of a directory with a kustomization.yaml, or of plain manifests it writes one for), and with a file the kustomize-controller cannot write that kustomization.yaml. Name the folder, with a kustomization.yaml that lists this file.`, { file: k.file, line: pathLine, col: 1 }, { area: 'flux' }));
  }
  const target = str(spec.targetNamespace);
  const owned: WorkDoc[] = [];
  // Flux adds spec.components to the kustomization.yaml at the path: what stops a component there
  // (a file its kustomization.yaml names that is not there) stops this build too.
  // Each entry's folder, resolved where Flux resolves it (inside an ExternalArtifact: flux-sources.ts).
  const components = arr(spec.components).map((c) => {
    const entry = str(c);
    return { entry, dir: entry ? sources.componentDir(k, path, entry, run.generators) : null };
  });
  const componentDirs = components.flatMap(({ dir }) => (dir !== null && tree.byDir.has(dir) ? [dir] : []));
  // `kustomize build` of the path as Flux runs it (with targetNamespace as the outermost namespace):
  // each overlay gets its own patches, prefixes and images, never another overlay's. The components
  // are part of it, where kustomize runs them: before the path's own patches and transformers, so a
  // version the path's kustomization.yaml pins wins over a component's (outside review: the component's
  // ran last). (A folder of spec.components that is no Component is copied as it is: componentCopies.)
  const inBuild = tree.hasDir(path) ? componentDirs.filter((dir) => kustomize.isComponent(dir)) : [];
  const built = kustomize.build(path, inBuild, run.cluster);
  // (What stops the components the build took in is among built.fatal; the others are judged on their own.)
  const componentFatal = componentDirs.filter((dir) => !inBuild.includes(dir)).flatMap((dir) => kustomize.componentFatal(dir));
  // kustomize stops at a cycle of folders, and the kustomize-controller at helmCharts (it runs kustomize
  // without --enable-helm: fluxcd/kustomize-controller#548, #579), so Flux applies nothing of this path.
  // Not where Flux never builds it: no root reaches it, or it is suspended (spec.suspend, also set by a
  // parent's patch), which its owner chose; FLUX_SUSPENDED says so.
  const objects = built.objects;
  // Where what the repository does not hold lands: Flux's targetNamespace over the kustomizations' own
  // (null: where the content says, also for a namespace still a variable here).
  for (const p of builds && run.reached ? built.remotes : []) {
    const key = `${p.file}:${p.line}`;
    const ns = target ?? p.namespace ?? null;
    (run.remotes?.get(key) ?? run.remotes?.set(key, new Set()).get(key))?.add(ns !== null && !ns.includes('${') ? ns : null);
  }
  // (A component's patch that does not apply is said, as one of a kustomization.yaml is (it was silent;
  // outside review). A warning, not a stop, as for a kustomization.yaml's: a build this emulation models
  // in part (generated data, transformers it does not run) may differ from kustomize's.)
  for (const p of builds ? built.componentPatchFailed : []) {
    report(finding('PATCH_NOT_APPLIED', 'warning', p.message, { file: p.file, line: p.line, col: 1 }, { area: 'flux' }));
  }
  // A kustomize configuration listed as a resource (a Flux Kustomization written with kustomize's
  // apiVersion, in its own file): kustomize emits it as it is, and the kustomize-controller's dry-run
  // of the build fails ("no matches for kind"), so nothing of it is applied.
  for (const r of builds ? objects : []) {
    const d = r.doc;
    if (!d || d.isKustomizeFile || d.raw.disabled || patchFiles.has(d.file) || d.group !== KUSTOMIZE_CONFIG_GROUP) continue;
    const line = d.raw.lines['apiVersion'] ?? d.raw.source.line;
    const flux = isObj(d.body.spec) && (obj(d.body.spec).sourceRef !== undefined || obj(d.body.spec).path !== undefined);
    const fix = flux ? ` Its spec is a Flux Kustomization's: write apiVersion: kustomize.toolkit.fluxcd.io/v1.` : ' Remove it from the build, or name the file kustomization.yaml in a folder of its own.';
    report(finding('FLUX_APPLY_KUSTOMIZE_CONFIG', 'error', `Kustomization ${ksName(k)} cannot be applied: ${d.file} holds ${d.kind}${metaName(d) ? ` ${metaName(d)}` : ''} with kustomize's own apiVersion ${d.apiVersion}, which kustomize emits as an object; the API server has no such kind ("no matches for kind ${d.kind} in version ${d.apiVersion}"), so the dry-run fails and Flux applies nothing of this Kustomization.${fix}`, { file: d.file, line, col: 1 }, { area: 'flux' }));
    k.blockedBy ??= blockedReason(ksName(k), `${d.kind} with kustomize's apiVersion in its build, ${d.file}:${line}`);
  }
  // A health check of a version of a Flux kind that Flux never served can never pass: the
  // Kustomization never becomes Ready, and what depends on it waits.
  if (run.reached && !run.unrun) {
    arr(spec.healthChecks).forEach((h, i) => {
      const apiVersion = str(obj(h).apiVersion) ?? '';
      const kind = str(obj(h).kind) ?? '';
      const served = unservedFluxVersion(apiVersion, kind);
      if (!served) return;
      const line = k.raw.lines[`spec.healthChecks.${i}`] ?? k.raw.source.line;
      report(finding('API_VERSION_UNSERVED', 'warning', `Kustomization ${ksName(k)} checks the health of ${kind}${str(obj(h).name) ? ` ${str(obj(h).name)}` : ''} in ${apiVersion}, a version of ${kind} that Flux never served (it serves ${served.join(', ')}): the check can never pass, so the Kustomization never becomes Ready and what depends on it waits. Write ${apiVersion.slice(0, apiVersion.lastIndexOf('/'))}/${served.at(-1)}.`, { file: k.file, line, col: 1 }, { area: 'versions' }));
    });
  }
  for (const p of builds ? [...built.fatal, ...componentFatal] : []) {
    // What an artifact leaves out is set where it is pushed (`flux push artifact --ignore-paths`), which
    // the repository does not say: a YAML file that is no manifest is judged for Git sources only.
    // So is a missing file (CI may write it before it pushes), and only in this repository's own source.
    if ((p.code === 'NOT_KUBERNETES_YAML' || p.code === 'FILE_MISSING') && (str(obj(spec.sourceRef).kind) ?? 'GitRepository') !== 'GitRepository') continue;
    if (p.code === 'FILE_MISSING' && !sources.isOwnSource(k)) continue;
    // Flux appends spec.components to the path's kustomization.yaml: a patch there may find its object
    // in a component this build could not take in (another source's, one not in the repository; code
    // review: a false "cannot be built"). Those it took in are in the build already.
    if (p.code === 'PATCH_NO_TARGET' && components.length > inBuild.length && path !== null && tree.byDir.get(path)?.file === p.file) continue;
    const id = ksName(k);
    const fatal = FATAL[p.code];
    const f = stopOf(run.stops, id, () => finding(fatal.code, 'error', `Kustomization ${id} cannot be built: ${fatal.message(p.message)}`, { file: p.file, line: p.line, col: 1 }, { area: 'flux' }));
    if (f) report(f);
    k.blockedBy ??= blockedReason(id, `${fatal.why}, ${p.file}:${p.line}`);
  }
  for (const r of objects) {
    const d = r.doc;
    if (!d || patchFiles.has(d.file) || d.raw.disabled || d.isKustomizeFile || d === k.instanceOf) continue;
    if (target) applyNamespace({ namespace: target }, [r]);
    const earlier = run.copies.get(d);
    // (A Flux component's objects are each Kustomization's own, in a build no root reaches too: two
    // Kustomizations that add one component into one namespace make its objects twice, which
    // DUPLICATE_OBJECT says.)
    const own = r.fluxComponent === true;
    if (!own && !earlier && copiedBefore.has(d) && !run.reached) continue;
    // (One without a namespace has none in this build: the namespace another kustomization that lists
    // the component gives it is not this build's.)
    const ns = isClusterScoped(d.kind) ? null : (resNs(r) ?? target ?? (own ? null : d.kustomizeNs) ?? explicitNs(d));
    const placedIn = target ?? r.placedIn;
    // One document makes one object per name and namespace it is built into: a base listed by two
    // overlays with their own nameSuffix (shop-front, shop-back), or deployed by two Kustomizations
    // into two targetNamespaces, is two objects. The same object again is Flux applying it twice:
    // the first build keeps it, and the second Kustomization is one more owner.
    // (A root's copy has no placement of its own: its namespace is where it is.)
    const same = earlier?.find((c) => (c.placedIn ?? c.ns ?? null) === (placedIn ?? ns ?? null) && (c.ns ?? null) === ns && metaName(c) === resName(r));
    // A parent whose generated build takes in its children's folders makes their objects without a
    // namespace (Flux refuses those: "namespace not specified"); the child's copy is that object.
    const unplaced = !same && !isClusterScoped(d.kind) && earlier?.every((c) => !c.owners.includes(k)) && (ns === null || earlier.some((c) => c.ns === null));
    // A Flux Kustomization is one object however many builds reach it: a copy per placement would
    // queue its build again for each, without end where builds include one another (found by the
    // model's property test). One that a build places in another namespace is another object (a
    // tenant base's Kustomization in each tenant's overlay: team-a/tenant and team-b/tenant). And no
    // document makes more than 64 objects, whatever the input.
    const ksAgain = d.isFluxKs && earlier?.some((c) => c.owners[0] !== k && (c.ns ?? null) === ns);
    const into = (own ? undefined : same) ?? ((!own && (unplaced || ksAgain)) || (earlier?.length ?? 0) >= 64 ? earlier![0] : undefined);
    if (into) {
      if (!into.owners.includes(k)) into.owners.push(k);
      continue;
    }
    const copy = copyOf(d, k, run, ns, null, r.body);
    copy.placedIn = placedIn;
    // (What this build's `images:` and patches wrote; never what the static build of another root wrote.)
    if (r.imageSetAt) copy.imageSetAt = r.imageSetAt;
    else delete copy.imageSetAt;
    if (r.versionSetAt) copy.versionSetAt = r.versionSetAt;
    else delete copy.versionSetAt;
    owned.push(copy);
  }
  const fromGit = (str(obj(spec.sourceRef).kind) ?? 'GitRepository') === 'GitRepository' && sources.isOwnSource(k);
  owned.push(...componentCopies(k, path, components, new Set(inBuild), target, tree, byFile, run, report, fromGit));
  applyOwnPatches(k, owned, run, builds, report, built);
  if (k.blockedBy) for (const d of owned) d.blockedBy = k.blockedBy;
  applyFluxTransformers(k, owned);
  const vars = fluxVariables(k, run.copies, docs, report, (file, f) => run.afterBuilds.push({ file, finding: f }), run.otherCluster, (d, f) => run.afterBuilds.push({ unapplied: d, finding: f }), (made) => run.afterBuilds.push({ made, cluster: run.cluster }));
  substituteBuild(k, owned, vars, run.copies, run.substitution);
  // What its ResourceSets make, which the Flux Operator applies beside them (resource-set-build.ts);
  // their Flux Kustomizations are followed as this build's own.
  owned.push(...resourceSetCopies(k, owned, run, docs, sources));
  // (After Flux's patches and substitution: the release as the API server gets it.)
  chartSourceKindStops(k, owned, builds, report);
  if (run.substitution.exceeded && !run.substitution.reported) {
    run.substitution.reported = true;
    const line = k.raw.lines['spec.postBuild'] ?? k.raw.source.line;
    report(finding('SUBSTITUTION_TOO_LARGE', 'warning', `Variable substitution would add more than ${SUBSTITUTION_BUDGET / 1024 / 1024} MB of text to the documents, here first; the rest was left as written. A variable whose value refers to itself (\`C: "\${C}\${C}"\`) doubles with every Kustomization that passes it on, and Flux would run out of memory.`, { file: k.file, line, col: 1 }, { area: 'flux' }));
  }
  return owned.filter((d) => d.isFluxKs);
}
