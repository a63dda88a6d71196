/**
 * Which Flux Kustomizations are a cluster's roots: those no other one deploys, in a folder or with a
 * name that says "bootstrap", or that contain others; and with them, what applies them applies (the
 * other Kustomizations of their file, of the top build that lists them). Split from flux-build.ts.
 */
import { expandPlacements } from './flux-expand.ts';
import type { FluxSources } from './flux-sources.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf, isUnder } from './paths.ts';
import { metaName, type WorkDoc } from './work-doc.ts';
import { obj } from '../../model/values.ts';

/** The roots among `fluxDocs` (each Kustomization of this repository's own sources, not switched off). */
export function findRoots(fluxDocs: readonly WorkDoc[], sources: FluxSources, tree: KustomizeTree, byFile: ReadonlyMap<string, WorkDoc[]>): WorkDoc[] {
  const contained = new Set<WorkDoc>();
  const containsOthers = new Set<WorkDoc>();
  // A Kustomization of the whole repository (no spec.path, `./`) contains every other one, so by
  // containment alone it is the one root. Where some Kustomization is a bootstrap by its folder or
  // name (a cluster's gotk-sync.yaml), one outside those that nothing applies (a stray `ks.yaml` with
  // no path) is not: read as the root it took every cluster's files and failed as duplicates.
  const bootstrapLike = (k: WorkDoc) => inBootstrapFolder(dirOf(k.file)) || bootstrapByName(k, sources.repoPath(k), tree);
  const someBootstrap = fluxDocs.some((k) => !sources.external.has(k) && !k.archived && bootstrapLike(k));
  // A Kustomization in a folder another one builds from its kustomization.yaml, which leaves it out
  // (`clusters/prod/b.yaml` beside a `resources: [a.yaml]`): nothing applies it, so it is no root,
  // unless it applies itself (the bootstrap's own, whose path is the folder it lives in).
  const folders = fluxDocs.flatMap((j) => {
    const p = sources.external.has(j) ? null : sources.repoPath(j);
    return p !== null && !p.includes('${') && tree.byDir.has(p) ? [{ j, p }] : [];
  });
  // (By path, for a look-up up the folders of a file: a pairwise search was quadratic in Kustomizations.)
  const byPath = new Map<string, WorkDoc[]>();
  for (const f of folders) byPath.set(f.p, [...(byPath.get(f.p) ?? []), f.j]);
  const builtFiles = new Map<string, Set<string>>();
  const filesOf = (path: string) => builtFiles.get(path) ?? builtFiles.set(path, new Set(expandPlacements(tree, path, null).map((e) => e.file))).get(path)!;
  const leftOutOf = new Map<WorkDoc, boolean>();
  const leftOut = (k: WorkDoc) => leftOutOf.get(k) ?? leftOutOf.set(k, isLeftOut(k)).get(k)!;
  const isLeftOut = (k: WorkDoc) => {
    const own = sources.repoPath(k);
    if (metaName(k) === 'flux-system') return false;
    const dir = dirOf(k.file);
    if (own !== null && isUnder(dir, own)) {
      // It applies itself, but so does a sibling of the same path, which that folder's build lists and
      // it does not (`# - decryption.yaml` beside a listed `flux-entry.yaml`, both of path ./apps): the
      // sibling manages itself, this one is retired. Read as the root, it contained the sibling, whose
      // patches were then never applied, and every object of the build was "applied twice".
      if (!tree.byDir.has(own) || filesOf(own).has(k.file)) return false;
      return (byPath.get(own) ?? []).some((j) => j !== k && filesOf(own).has(j.file));
    }
    // Another Kustomization's path is this file's folder or one above it.
    for (let d: string | null = dir; d !== null; d = d === '' ? null : dirOf(d)) {
      if (byPath.get(d)?.some((j) => j !== k)) return true;
    }
    return false;
  };
  for (const k of fluxDocs) {
    // (What is left out applies nothing, so it contains nothing either; nor does one without a sourceRef,
    // which the API server refuses: a `flux-system` fragment of spec.decryption alone, in a folder whose
    // generated build applies it beside the real one, was read as containing it, and no root was found.)
    if (sources.external.has(k) || leftOut(k) || obj(k.body.spec).sourceRef === undefined) continue;
    const path = sources.repoPath(k);
    if (path === null || path.includes('${')) continue;
    if (path === '' && someBootstrap && !bootstrapLike(k)) continue;
    for (const file of filesOf(path)) {
      for (const d of byFile.get(file) ?? []) {
        // (A second Kustomization of the bootstrap's own path, `flux-secrets` beside `flux-system`, builds
        // the bootstrap's file as the bootstrap builds its: each contains the other, and no root was found,
        // every check that needs one silent (outside review). The bootstrap's is the root.)
        if (metaName(d) === 'flux-system' && metaName(k) !== 'flux-system' && sources.repoPath(d) === path) continue;
        if (d.isFluxKs && d !== k && !d.raw.disabled && !d.madeInCluster) {
          contained.add(d);
          containsOthers.add(k);
        }
      }
    }
  }
  const looksLikeRoot = (k: WorkDoc) => containsOthers.has(k) || bootstrapLike(k);
  const rootCandidate = (k: WorkDoc) => !contained.has(k) && !k.archived && !leftOut(k);
  const firstRoots = new Set(fluxDocs.filter((k) => rootCandidate(k) && looksLikeRoot(k)));
  // What applies a root (`flux bootstrap --path`, `kubectl apply -f`) applies its whole file: the
  // other Kustomizations of that file that nothing else applies are roots too.
  const rootFiles = new Set([...firstRoots].map((k) => k.file));
  // The same for a root listed by a kustomization.yaml no Flux Kustomization builds (the folder the
  // bootstrap applies from outside the repository, `flux bootstrap --path=gitops`): it applies that
  // build whole, so the other Kustomizations the build lists are roots too. (A root that happens to
  // contain another Kustomization was the only root, and every sibling of it "not deployed".)
  const paths = fluxDocs.flatMap((j) => {
    const p = sources.external.has(j) ? null : sources.repoPath(j);
    return p !== null && !p.includes('${') ? [p] : [];
  });
  const appliedWith = topBuildsOf(tree, [...rootFiles], paths);
  const roots = fluxDocs.filter((k) => firstRoots.has(k) || (rootCandidate(k) && (rootFiles.has(k.file) || appliedWith.has(k.file))));
  return roots;
}

const BOOTSTRAP_FOLDER = /^(flux|clusters?|flux-system|bootstrap)$/;
/** Folders of test inputs and examples: a Kustomization there is what a test or a reader reads, not a cluster's. */
const FIXTURE_FOLDER = /(^|\/)(tests?|testdata|fixtures?|__fixtures__|examples?)\//;

/**
 * A Kustomization named `flux-system` is the bootstrap's own (`flux bootstrap` names it so) where it
 * applies the folder it lives in; elsewhere, unless it sits among test inputs or examples or its path
 * is surely no folder of the repository. One in a script's fixtures (`./clusters/fixture`, no such
 * folder) is a lint script's input: an outside review found eight FLUX_PATH_MISSING warnings on them.
 */
function bootstrapByName(k: WorkDoc, path: string | null, tree: KustomizeTree): boolean {
  if (metaName(k) !== 'flux-system') return false;
  if (path !== null && isUnder(dirOf(k.file), path)) return true;
  if (FIXTURE_FOLDER.test(k.file)) return false;
  return path === null || path.includes('${') || tree.hasDir(path) || tree.hasFile(path);
}

/**
 * A folder where a cluster's first Kustomizations live: one named flux, cluster(s), flux-system or
 * bootstrap, or a folder directly in one (`clusters/production/`, `kubernetes/flux/cluster/`). Not any
 * folder below such a name: in a repository whose whole tree is `cluster/` (`cluster/apps/x/dev/`), a
 * Kustomization that no other one deploys is left out, not a root.
 */
function inBootstrapFolder(dir: string): boolean {
  const segments = dir.split('/');
  return segments.slice(-2).some((s) => BOOTSTRAP_FOLDER.test(s));
}

/**
 * The files of the builds that apply the given root files from outside the repository: for each root
 * file, the nearest folder above it with a kustomization.yaml, and from there up what includes that
 * folder (`overlays/homelab` listing `../../base/`, where the roots are written), to a build nothing
 * else includes: `flux bootstrap --path` names one of those. Only where no Flux Kustomization's path
 * covers the folder and the build lists the root's file.
 */
function topBuildsOf(tree: KustomizeTree, rootFiles: readonly string[], built: readonly string[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const covered = (dir: string) => built.some((p) => isUnder(dir, p));
  for (const file of rootFiles) {
    let dir = dirOf(file);
    while (!tree.byDir.has(dir) && dir !== '') dir = dirOf(dir);
    if (!tree.byDir.has(dir) || covered(dir)) continue;
    // The tops of what includes the folder, none of them a Flux Kustomization's path.
    const tops: string[] = [];
    const climbed = new Set<string>([dir]);
    const queue = [dir];
    while (queue.length > 0) {
      const at = queue.shift()!;
      const up = tree.includers(at).filter((d) => !covered(d));
      if (up.length === 0) tops.push(at);
      for (const d of up) if (!climbed.has(d)) climbed.add(d), queue.push(d);
    }
    for (const top of tops) {
      if (seen.has(top)) continue;
      seen.add(top);
      const files = expandPlacements(tree, top, null).map((p) => p.file);
      if (files.includes(file)) for (const f of files) out.add(f);
    }
  }
  return out;
}
