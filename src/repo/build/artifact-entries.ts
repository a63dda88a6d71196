/**
 * kustomization.yaml files that Flux builds only inside an ExternalArtifact. An ArtifactGenerator
 * (https://fluxcd.io/flux/components/source/artifactgenerators/) copies folders of the repository to
 * other places in the artifact (`@repo/kubernetes/apps/**` to the root, `@repo/kubernetes/utils/**`
 * to `utils/`), and kustomize resolves a `../` entry where the folder sits in the artifact: the
 * artifact's `demo/app` naming `../../utils/shared` reads `utils/shared`, copied from
 * `kubernetes/utils/shared`, though in the tree `kubernetes/apps/demo/app/../../utils/shared` is no
 * folder. Such a folder's entries are resolved in the artifact (KustomizeTree.entryPath); a folder that
 * a build from a Git source reaches as well keeps the tree's meaning, which that build gives it.
 */
import { obj, str } from '../../model/values.ts';
import { sourceKeyOf } from './external-source.ts';
import { patchFilesOf } from './flux-path-builder.ts';
import { FluxSources, isArtifactGenerator } from './flux-sources.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf, resolveFluxPath, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

const REMOTE = /^(https?:\/\/|git@|github\.com\/|ssh:\/\/|oci:\/\/)/;

/** Where a walk stands: a folder of the repository, and where it is in the artifact (null: built from Git). */
interface Place {
  dir: string;
  at: string | null;
}

/**
 * Tell the tree how each folder built only inside an ExternalArtifact resolves its entries. Run before
 * the static kustomize builds, on the Kustomizations as written; a folder reached from two places of
 * artifacts (two generators that copy it differently) is left to the tree's meaning, as is every
 * folder where the repository has no ArtifactGenerator.
 */
export function resolveArtifactEntries(docs: readonly WorkDoc[], tree: KustomizeTree): void {
  const patchFiles = patchFilesOf(docs);
  const fluxDocs = docs.filter((d) => d.isFluxKs && !d.raw.disabled && !patchFiles.has(d.file));
  const generators = docs.filter((d) => isArtifactGenerator(d) && !d.raw.disabled);
  const artifactOf = (k: WorkDoc) => (sourceKeyOf(k).startsWith('ExternalArtifact/') ? sourceKeyOf(k).slice('ExternalArtifact/'.length) : null);
  if (generators.length === 0 || !fluxDocs.some((k) => artifactOf(k) !== null)) return;
  const sources = new FluxSources(fluxDocs, tree, generators);
  const fromGit = new Set<string>();
  // The artifact and the place in it of each folder an artifact's build reaches; null where two disagree.
  const inArtifact = new Map<string, { name: string; at: string; generators: readonly WorkDoc[] } | null>();
  for (const k of fluxDocs) {
    const name = artifactOf(k);
    const near = nearestFirst(generators, k.file);
    const path = sources.repoPath(k, near);
    if (path === null || path.includes('${') || !tree.hasDir(path)) continue;
    if (name === null) {
      walk(tree, { dir: path, at: null }, (p, entry) => ({ dir: resolveIn(p.dir, entry), at: null }), (p) => void fromGit.add(p.dir));
      continue;
    }
    const start = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
    if (start === null) continue;
    const step = (p: Place, entry: string): { dir: string | null; at: string | null } => {
      const at = p.at === null ? null : resolveIn(p.at, entry);
      return { dir: (at === null ? null : sources.fromArtifact(name, at, near)) ?? resolveIn(p.dir, entry), at };
    };
    walk(tree, { dir: path, at: start }, step, (p) => {
      if (p.at === null) return;
      const seen = inArtifact.get(p.dir);
      if (seen === undefined) inArtifact.set(p.dir, { name, at: p.at, generators: near });
      else if (seen !== null && (seen.name !== name || seen.at !== p.at)) inArtifact.set(p.dir, null);
    });
  }
  for (const [dir, place] of inArtifact) {
    if (place === null || fromGit.has(dir)) continue;
    tree.resolveInArtifact(dir, (entry) => {
      const at = resolveIn(place.at, entry);
      return at === null ? null : sources.fromArtifact(place.name, at, place.generators);
    });
  }
}

/**
 * Walk what a build reads from `start`: a folder with a kustomization.yaml through its `resources` and
 * `components`, one without (Flux generates its list) through its sub-folders. `visit` sees each
 * kustomization folder once per place in the artifact.
 */
function walk(tree: KustomizeTree, start: Place, step: (p: Place, entry: string) => { dir: string | null; at: string | null }, visit: (p: Place) => void): void {
  const seen = new Set<string>();
  const go = (p: Place, depth: number): void => {
    const key = `${p.dir}\u0000${p.at ?? ''}`;
    if (depth > 64 || seen.has(key)) return;
    seen.add(key);
    const k = tree.byDir.get(p.dir);
    if (!k) {
      for (const sub of tree.subdirsOf(p.dir)) go({ dir: sub, at: p.at === null ? null : [p.at, sub.slice(sub.lastIndexOf('/') + 1)].filter((s) => s !== '').join('/') }, depth + 1);
      return;
    }
    visit(p);
    for (const { entry } of [...k.resources, ...k.components]) {
      if (REMOTE.test(entry)) continue;
      const next = step(p, entry);
      if (next.dir !== null && tree.hasDir(next.dir)) go({ dir: next.dir, at: next.at }, depth + 1);
    }
  };
  go(start, 0);
}

/**
 * The generators nearest a Kustomization's file first (most folders in common): a cluster's own
 * ArtifactGenerator says how its artifact is made, as flux-build.ts takes those of the cluster first.
 */
function nearestFirst(generators: readonly WorkDoc[], file: string): WorkDoc[] {
  const common = (g: WorkDoc) => {
    const a = dirOf(g.file).split('/');
    const b = dirOf(file).split('/');
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  return [...generators].sort((x, y) => common(y) - common(x));
}
