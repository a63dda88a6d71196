/**
 * Whether a group of objects that form an app is deployed, and if not why: archived, switched off in
 * place, blocked by a build that fails, commented out of a parent list, left out of its folder's
 * kustomization.yaml, or reached by no cluster root. Split from apps.ts, which decides the groups.
 */
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { baseName, dirOf, isUnder, resolveIn } from './paths.ts';
import { arr, obj, str } from '../../model/values.ts';
import { ksName, metaName, type WorkDoc } from './work-doc.ts';
import { templateMatches } from '../../model/templated.ts';
import { mayRunPods } from '../../model/k8s-object.ts';

/** What the judgement reads of an app being grouped: its Kustomizations, its objects, its folder. */
export interface AppMembers {
  dir: string;
  /** Where the app is said to be (its first Kustomization, else its first object). */
  source?: { file: string };
  ks: readonly { doc: WorkDoc }[];
  objects: readonly { doc: WorkDoc }[];
  /** A cluster's folder of roots whose bootstrap is not committed: `flux bootstrap` applies what it holds. */
  appliedByBootstrap?: boolean;
}

/**
 * Why an app is in the repository but not deployed, or null when a cluster deploys it (or it is
 * merely disabled, which the app's `disabled` says). Where the repository has no root at all
 * (manifests applied by hand), "not reached" says nothing and is not claimed.
 */
export function notDeployed(d: AppMembers, hasRoots: boolean, kfiles: readonly KustomizeFile[], templatedSync: WorkDoc | null = null, depth = 0, templated: (paths: readonly string[]) => boolean = () => false): string | null {
  const members = [...d.ks, ...d.objects];
  if (members.length === 0) return null;
  if (isDisabled(d)) return null;
  if (d.appliedByBootstrap && members.some((m) => !m.doc.raw.disabled && m.doc.archived === undefined)) return null;
  if (members.every((m) => m.doc.archived !== undefined)) return `Archived: ${members[0]!.doc.archived} holds retired manifests that no Flux Kustomization deploys.`;
  // Reached, but the build that would apply it fails as a whole (KUSTOMIZE_CYCLE, KUSTOMIZE_HELM_CHARTS).
  // A document no build applies (a file its folder's kustomization.yaml leaves out) says nothing either way.
  // The bootstrap's own Kustomization (flux-system, a root) whose build fails is still there: `flux
  // bootstrap` applied it and its folder's flux-system manifests, and it reports the failure. What it
  // would apply is blocked (those apps say so), not the bootstrap's app.
  // (Any root that applies its own folder, as gotk-sync's does, whatever its name: a root `cluster` in
  // the folder it builds was created at bootstrap too, and was "not deployed" by its own failing build;
  // outside review. Not a top Kustomization that builds another folder: what it applies is its app.)
  const selfApplying = (k: WorkDoc) => metaName(k) === 'flux-system' || (k.resolvedPath != null && isUnder(k.file, k.resolvedPath));
  const rootFails = (k: WorkDoc) => k.isRoot && selfApplying(k) && (k.blockedBy ?? '').startsWith(`Kustomization ${ksName(k)} cannot be built`);
  // So is a Kustomization that only such a root applies and that the root depends on (`cluster`
  // with dependsOn `flux`, both in flux/config/): the root waits for it, so it was created with the
  // root, or the root would never have started (outside review).
  const withRoot = (k: WorkDoc) => {
    const root = k.owners[0];
    if (root === undefined || k.owners.length !== 1 || !rootFails(root) || k.blockedBy !== root.blockedBy) return false;
    return arr(obj(root.body.spec).dependsOn).some((e) => str(obj(e).name) === metaName(k) && (str(obj(e).namespace) ?? root.ns) === k.ns);
  };
  const bootstrapFailing = d.ks.some((k) => rootFails(k.doc) || withRoot(k.doc));
  // (A second definition of the app's Kustomization that nothing applies, a file its folder leaves out, is
  // not applied: it does not make the app deployed where the one a root reaches is in a failing build;
  // outside review: `apps`, defined inside a root build that cannot be built, was "active".)
  const applied = members.filter((m) => !m.doc.raw.disabled && (m.doc.blockedBy !== undefined || m.doc.owners.length > 0 || (m.doc.isFluxKs && (m.doc.reached || !hasRoots)) || m.doc.isRoot));
  if (!bootstrapFailing && applied.length > 0 && applied.every((m) => m.doc.blockedBy !== undefined)) return applied[0]!.doc.blockedBy!;
  // A release that waits (dependsOn) for one no working build applies installs nothing (releaseWaits):
  // an app whose releases all wait, nothing else of which may run pods (its Kustomization, sources,
  // configuration, the chart's own objects written in its values), is held with them.
  const working = applied.filter((m) => m.doc.blockedBy === undefined);
  const waiting = working.filter((m) => m.doc.releaseWaits !== undefined);
  const waitingNames = new Set(waiting.map((m) => metaName(m.doc)));
  const runsAnyway = (doc: WorkDoc) => doc.releaseWaits === undefined && !(doc.renderedBy !== undefined && waitingNames.has(doc.renderedBy)) && mayRunPods(doc);
  if (!bootstrapFailing && waiting.length > 0 && !working.some((m) => runsAnyway(m.doc))) return waiting[0]!.doc.releaseWaits!;
  const live = d.ks.filter((k) => !k.doc.raw.disabled);
  const reached = live.some((k) => k.doc.reached || k.doc.isRoot) || d.objects.some((o) => !o.doc.raw.disabled && o.doc.owners[0]?.reached === true);
  if (reached) return null;
  if (!hasRoots && members.some((m) => m.doc.owners.length > 0 || m.doc.isFluxKs)) return null;
  // Below a reached build's path, but the source's artifact leaves the files out (a .sourceignore pattern).
  const written = members.filter((m) => !m.doc.raw.disabled);
  if (written.length > 0 && written.every((m) => m.doc.leftOut !== undefined)) return `Not in Flux's artifact: ${written[0]!.doc.leftOut}.`;
  // An app of Kustomizations is deployed or not as they are: the reason is theirs (the objects their
  // builds make, a stray patch file among them, have reasons of their own that are not the app's).
  // The finding sits on the app's source (its first Kustomization's file): of an app merged from
  // Kustomizations of several files, the reason is that file's.
  const all = new Set((live.length > 0 ? live : members).map((m) => m.doc.file));
  const files = d.source && all.has(d.source.file) ? new Set([d.source.file]) : all;
  // An entry commented out where another line (or file) still lists the same target took nothing away.
  const listed = new Set(kfiles.flatMap((k) => [...k.resources, ...k.components].map((r) => resolveIn(k.dir, r.entry))));
  // The app's folder or ks.yaml commented out in a parent kustomization.yaml (`# - ./jellyfin/ks.yaml`).
  for (const k of kfiles) {
    for (const c of k.commented ?? []) {
      const target = resolveIn(k.dir, c.entry);
      if (target === null || target === '' || listed.has(target)) continue;
      if (files.has(target) || isUnder(d.dir, target) || [...files].some((f) => isUnder(f, target))) {
        return `Commented out in ${k.file}:${c.line} ("${c.entry}"), so Flux does not deploy it.`;
      }
    }
  }
  // The folder is built (a deployed kustomization.yaml there), but its resources leave these files out.
  for (const k of kfiles) {
    if (!k.deployed) continue;
    const here = [...files].filter((f) => dirOf(f) === k.dir);
    if (here.length === 0) continue;
    const listed = new Set(k.resources.map((r) => resolveIn(k.dir, r.entry)));
    if (here.some((f) => listed.has(f))) continue;
    const what = here.length === 1 ? baseName(here[0]!) : `${here.length} of its files`;
    return `Not listed in ${k.file}: Flux builds this folder from that kustomization.yaml, whose resources do not name ${what}, so Flux does not apply it.`;
  }
  // A Flux Kustomization builds these objects but is not applied itself (its file left out of its
  // folder's kustomization.yaml): the reason is that Kustomization's, named with it. "Nothing includes
  // its folder" was said of folders an unapplied Kustomization's path does include.
  const owner = builtByUnapplied(d);
  if (owner !== null && depth < 8) {
    const why = notDeployed({ dir: dirOf(owner.file), source: { file: owner.file }, ks: [{ doc: owner }], objects: [] }, hasRoots, kfiles, templatedSync, depth + 1, templated);
    if (why !== null) return `Built by Flux Kustomization ${ksName(owner)} (${owner.file}:${owner.raw.source.line}), which is not deployed itself: ${why}`;
  }
  // A folder a Flux Operator ResourceSet's Kustomization builds (`path: ./apps/<< inputs.tenant >>/staging`),
  // or one such a folder includes (its `../base`): the model does not expand ResourceSets
  // (RESOURCESET_NOT_EXPANDED says so), so it is not claimed to be not deployed (outside review).
  if (templated([d.dir, ...files])) return null;
  const tops = includedBy(d.dir, files, kfiles);
  const notReached = tops
    ? `No Flux Kustomization reached from a cluster root deploys it: its folder is part of the kustomize build of ${tops}, which no Flux Kustomization of this repository builds (one made outside it, by a cluster's Flux extension or a bootstrap, may)`
    : 'No Flux Kustomization reached from a cluster root deploys it (nothing includes its folder)';
  if (templatedSync === null) return `${notReached}.`;
  // A FluxInstance whose sync path is filled in where it is applied (envsubst per cluster) may sync this folder.
  const path = str(obj(obj(templatedSync.body.spec).sync).path) ?? '';
  return `${notReached}, unless FluxInstance ${metaName(templatedSync) ?? '?'} (${templatedSync.file}:${templatedSync.raw.lines['spec.sync.path'] ?? templatedSync.raw.source.line}) syncs it: its spec.sync.path is ${path}, filled in where the instance is applied.`;
}

/**
 * The Flux Kustomization whose build takes in the app's live objects, where none of their builds is
 * reached from a cluster root (the first by file, of several); null when no build takes them in.
 */
function builtByUnapplied(d: AppMembers): WorkDoc | null {
  if (d.ks.some((k) => !k.doc.raw.disabled)) return null;
  const owners = d.objects.filter((o) => !o.doc.raw.disabled).flatMap((o) => o.doc.owners).filter((k) => !k.raw.disabled && !k.reached && !k.isRoot);
  return owners.sort((a, b) => a.file.localeCompare(b.file) || a.raw.source.line - b.raw.source.line)[0] ?? null;
}

/** Switched off in place: every Kustomization (or, for an app without one, every object) commented out or renamed. */
export function isDisabled(d: AppMembers): boolean {
  // (Not an app that also holds objects a live, reached Kustomization applies: a cluster's folder with
  // its sync's GitRepository beside Kustomization files commented out one by one.)
  const applied = d.objects.some((o) => !o.doc.raw.disabled && o.doc.owners.some((k) => !k.raw.disabled && (k.reached || k.isRoot)));
  return d.ks.length > 0 ? d.ks.every((k) => k.doc.raw.disabled) && !applied : d.objects.length > 0 && d.objects.every((o) => o.doc.raw.disabled);
}

/**
 * A FluxInstance whose spec.sync.path is a variable (`${FLUX_SYNC_PATH}`, filled in per cluster where
 * it is applied): which folders it syncs is not written in the repository (notDeployed names it).
 */
export function templatedFluxInstance(docs: readonly WorkDoc[]): WorkDoc | null {
  return docs.find((w) => w.kind === 'FluxInstance' && w.group === 'fluxcd.controlplane.io' && !w.raw.disabled && w.archived === undefined && (str(obj(obj(w.body.spec).sync).path) ?? '').includes('${')) ?? null;
}

/**
 * Whether a ResourceSet's templated Kustomization path (resourceSetPaths) may build one of these
 * folders or files: a path that matches it, or a folder whose kustomization.yaml includes it,
 * directly or through others.
 */
export function templatedBuilds(kfiles: readonly KustomizeFile[], templatePaths: readonly string[]): (paths: readonly string[]) => boolean {
  if (templatePaths.length === 0) return () => false;
  const includers = includersIndex(kfiles);
  return (paths) => {
    const seen = new Set<string>();
    const queue = paths.flatMap((p) => [p, dirOf(p)]);
    while (queue.length > 0 && seen.size < 256) {
      const p = queue.pop()!;
      if (seen.has(p)) continue;
      seen.add(p);
      if (templatePaths.some((t) => templateMatches(t, p))) return true;
      for (const k of includers.get(p) ?? []) queue.push(k.dir);
    }
    return false;
  };
}

/**
 * What includes the app's folder, as far as a kustomization.yaml does: the top folders of those
 * builds, which nothing includes (null: none includes it) (outside review: "nothing includes its folder" was said of a folder
 * `infra/snd/base` includes, which `infra/snd/01` includes, whose Flux Kustomization the cloud's
 * Flux extension makes outside the repository).
 */
function includedBy(dir: string, files: ReadonlySet<string>, kfiles: readonly KustomizeFile[]): string | null {
  const index = includersIndex(kfiles);
  const of = (target: string) => (index.get(target) ?? []).filter((k) => k.dir !== target);
  const includers = (target: string, file: boolean) => [...new Set([...of(target), ...(file ? [...files].flatMap(of) : [])])];
  const tops = new Set<string>();
  const seen = new Set<string>([dir]);
  let level = includers(dir, true).map((k) => k.dir);
  for (let depth = 0; level.length > 0 && depth < 16; depth++) {
    const next: string[] = [];
    for (const k of level) {
      if (seen.has(k)) continue;
      seen.add(k);
      const up = includers(k, false);
      if (up.length === 0) tops.add(k);
      else next.push(...up.map((u) => u.dir));
    }
    level = next;
  }
  if (tops.size === 0) return null;
  const list = [...tops].sort();
  return list.slice(0, 3).map((t) => t || './').join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
}

/** Folder or file -> the kustomization files whose resources or components name it, once per list (templatedBuilds and includedBy read it; code review: a scan per app). */
const INCLUDERS = new WeakMap<readonly KustomizeFile[], Map<string, KustomizeFile[]>>();
function includersIndex(kfiles: readonly KustomizeFile[]): Map<string, KustomizeFile[]> {
  let index = INCLUDERS.get(kfiles);
  if (!index) {
    index = new Map();
    for (const k of kfiles) {
      for (const r of [...k.resources, ...k.components]) {
        const t = resolveIn(k.dir, r.entry);
        if (t !== null) (index.get(t) ?? index.set(t, []).get(t)!).push(k);
      }
    }
    INCLUDERS.set(kfiles, index);
  }
  return index;
}

