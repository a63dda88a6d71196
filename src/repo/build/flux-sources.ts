import { pushedFolder, type ArtifactPush } from '../artifact-pushes.ts';
import { arr, obj, str } from '../../model/values.ts';
import { externalSourced, ownSourceKey, sameRepository, sourceKeyOf as sourceKey, tellingPath, type SourceUrl } from './external-source.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { dirOf, isUnder, resolveFluxPath, resolveIn } from './paths.ts';
import type { WorkDoc } from './work-doc.ts';

/** A Flux ArtifactGenerator (source-watcher), which makes ExternalArtifacts from folders of its sources. */
export const isArtifactGenerator = (d: WorkDoc): boolean => d.kind === 'ArtifactGenerator' && d.group.startsWith('source.extensions.fluxcd.io');

/**
 * Where a Flux Kustomization's `spec.path` lands in this repository. Flux reads the path inside the
 * source's artifact, and that artifact is not always the repository root:
 * - a repository that ships a sub-folder as its artifact (`flux push artifact ./kubernetes`, an
 *   OCIRepository or a GitRepository with `spec.include`/`ignore`): paths such as
 *   `./apps/overlays/cluster-00` live under `kubernetes/`. The prefix is learned per source, from
 *   where the paths of all Kustomizations that use it exist;
 * - an `ExternalArtifact` made by an `ArtifactGenerator` (source-watcher,
 *   https://fluxcd.io/flux/components/source/artifactgenerators/): its `copy` rules say which folders
 *   of the repository land where in the artifact (`@monorepo/apps/base/**` -> `@artifact/base/`).
 * Kustomizations of another source (an upstream OCI artifact, another Git repository) are external:
 * their paths say nothing about this tree.
 */
export class FluxSources {
  /** Kustomizations reading another artifact than this repository. */
  readonly external: Set<WorkDoc>;
  /** The source most Kustomizations use: this repository. */
  readonly own: string;
  /** The own source and the other names the repository gives it (a GitRepository of the same URL). */
  readonly ownNames: Set<string>;
  private readonly prefixes = new Map<string, string>();
  private readonly tree: KustomizeTree;
  private readonly generators: readonly WorkDoc[];
  private readonly definedSources: ReadonlyMap<string, SourceUrl | null> | undefined;

  constructor(fluxDocs: readonly WorkDoc[], tree: KustomizeTree, generators: readonly WorkDoc[], definedSources?: ReadonlyMap<string, SourceUrl | null>, pushes: readonly ArtifactPush[] = []) {
    this.tree = tree;
    this.generators = generators;
    this.definedSources = definedSources;
    const exists = (path: string) => this.exists(path);
    this.own = ownSourceKey(fluxDocs, exists);
    this.ownNames = sameRepository(this.own, definedSources);
    this.external = externalSourced(fluxDocs, this.own, definedSources, exists);
    // An OCI artifact (or bucket) of the repository's own making, pushed from one of its folders.
    for (const [key, root] of this.pushedFrom(fluxDocs, definedSources, pushes)) {
      for (const k of fluxDocs) if (sourceKey(k) === key) this.external.delete(k);
      this.prefixes.set(key, root);
    }
    const bySource = new Map<string, WorkDoc[]>();
    for (const k of fluxDocs) {
      if (this.external.has(k) || sourceKey(k).startsWith('ExternalArtifact/')) continue;
      (bySource.get(sourceKey(k)) ?? bySource.set(sourceKey(k), []).get(sourceKey(k))!).push(k);
    }
    for (const [key, ks] of bySource) if (!this.prefixes.has(key)) this.prefixes.set(key, this.learnPrefix(ks));
  }

  /**
   * Artifacts the repository defines (an OCIRepository, a Bucket) that CI pushes from one of its
   * folders (`flux push artifact --path=kubernetes/infra`, Flux's flux-operator-local-dev). The folder
   * is the one the repository's own `flux push artifact` of the source's URL names (artifact-pushes.ts),
   * where every telling path of its Kustomizations is under it. Else, where the telling paths
   * (`./controllers`) are folders under one and the same folder of the tree, and under no other, that
   * folder is the artifact's root. A path of the artifact's root (`./`) or with `${VAR}` tells
   * nothing; a path found under two folders leaves the artifact another's.
   */
  private pushedFrom(fluxDocs: readonly WorkDoc[], definedSources: ReadonlyMap<string, SourceUrl | null> | undefined, pushes: readonly ArtifactPush[]): Map<string, string> {
    const roots = new Map<string, Set<string>>();
    const pushed = new Map<string, string | null>();
    for (const k of fluxDocs) {
      const key = sourceKey(k);
      if (!this.external.has(k) || !(key.startsWith('OCIRepository/') || key.startsWith('Bucket/')) || !definedSources?.has(key)) continue;
      const url = definedSources.get(key)?.url;
      if (!pushed.has(key)) pushed.set(key, url && key.startsWith('OCIRepository/') ? pushedFolder(url, pushes) : null);
      const p = tellingPath(k);
      if (p === null) continue;
      const folder = pushed.get(key);
      if (folder != null && !this.exists(folder === '' ? p : `${folder}/${p}`)) pushed.set(key, null);
      const found = roots.get(key) ?? roots.set(key, new Set()).get(key)!;
      for (const d of this.tree.dirsEndingWith(p)) if (d !== p) found.add(d.slice(0, d.length - p.length - 1));
    }
    const out = new Map<string, string>();
    for (const [key, found] of roots) if (found.size === 1) out.set(key, [...found][0]!);
    for (const [key, folder] of pushed) if (folder != null) out.set(key, folder);
    return out;
  }

  private exists(path: string): boolean {
    return this.tree.hasDir(path) || this.tree.hasFile(path);
  }

  /**
   * The folder of the repository that is the artifact's root: '' unless another prefix explains more
   * paths. Each Kustomization votes for the folders above its own file under which its path exists
   * (linear in Kustomizations x depth: scoring every folder against every Kustomization was
   * quadratic, a third of a 1,000-app scan).
   */
  private learnPrefix(ks: readonly WorkDoc[]): string {
    const votes = new Map<string, number>([['', 0]]);
    for (const k of ks) {
      const p = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
      if (p === null || p.includes('${')) continue;
      for (let d = dirOf(k.file); ; d = dirOf(d)) {
        if (this.exists(d === '' ? p : p === '' ? d : `${d}/${p}`)) votes.set(d, (votes.get(d) ?? 0) + 1);
        if (d === '') break;
      }
    }
    let best = '';
    for (const [c, n] of [...votes].sort(([a], [b]) => a.length - b.length || a.localeCompare(b))) if (n > (votes.get(best) ?? 0)) best = c;
    return best;
  }

  /**
   * The repository folder (or file) a Kustomization builds, or null when its path leaves the
   * repository. `generators` of the Kustomization's own cluster come first (each cluster's
   * ArtifactGenerator copies its own overlay).
   */
  repoPath(k: WorkDoc, generators: readonly WorkDoc[] = this.generators): string | null {
    const path = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
    if (path === null) return null;
    const key = sourceKey(k);
    if (key.startsWith('ExternalArtifact/')) {
      // Where no generator says (or names) the artifact, its paths most likely follow this repository's own root;
      // but not its root itself (`path: .` of an artifact no generator here makes): the whole repository
      // is no guess of what an artifact holds, and building it would put every folder in one build.
      const mapped = this.fromArtifact(key.slice('ExternalArtifact/'.length), path, [...generators, ...this.generators]);
      if (mapped !== null) return mapped;
      const guess = this.under(this.prefixes.get(this.own) ?? '', path);
      return guess === '' ? null : guess;
    }
    return this.under(this.prefixes.get(key) ?? '', path);
  }

  /**
   * The repository folder a `spec.components` entry names, or null where it leaves the source. Flux
   * adds the entry to the kustomization.yaml at spec.path *in the artifact* it builds
   * (https://fluxcd.io/flux/components/kustomize/kustomizations/#components: "relative to the
   * spec.path"), so for an ExternalArtifact it is joined to the path there and mapped back through
   * the ArtifactGenerator's copy rules: `../../components/common` of `./demo/app` is the artifact's
   * `components/common`, which a rule may fill from `kubernetes/components/common`, a folder that is
   * no neighbour of `kubernetes/apps/demo/app` in the tree. `path` is repoPath's answer. Where no rule
   * maps it, the entry is joined to that repository folder, as for any other source.
   */
  componentDir(k: WorkDoc, path: string, entry: string, generators: readonly WorkDoc[] = this.generators): string | null {
    const asFile = this.tree.hasFile(path);
    const inTree = resolveIn(asFile ? dirOf(path) : path, entry);
    const key = sourceKey(k);
    const artifactPath = resolveFluxPath(str(obj(k.body.spec).path) ?? '');
    if (!key.startsWith('ExternalArtifact/') || artifactPath === null) return inTree;
    const inArtifact = resolveIn(asFile ? dirOf(artifactPath) : artifactPath, entry);
    const mapped = inArtifact === null ? null : this.fromArtifact(key.slice('ExternalArtifact/'.length), inArtifact, [...generators, ...this.generators]);
    return mapped ?? inTree;
  }

  /** `path` under a source's root folder, unless only the unprefixed path exists. */
  private under(prefix: string, path: string): string {
    if (prefix === '') return path;
    const joined = path === '' ? prefix : `${prefix}/${path}`;
    return this.exists(joined) || !this.exists(path) ? joined : path;
  }

  /** Map a path inside an ExternalArtifact to the repository folder its ArtifactGenerator copied there. */
  fromArtifact(name: string, path: string, generators: readonly WorkDoc[]): string | null {
    for (const g of generators) {
      // `@alias` names one of the generator's sources; its paths are relative to that source's root.
      const roots = new Map<string, string>();
      for (const src of arr(obj(g.body.spec).sources)) {
        const alias = str(obj(src).alias);
        if (alias) roots.set(alias, this.prefixes.get(`${str(obj(src).kind) ?? ''}/${str(obj(src).name) ?? ''}`) ?? '');
      }
      for (const a of arr(obj(g.body.spec).artifacts)) {
        if (str(obj(a).name) !== name) continue;
        for (const c of arr(obj(a).copy)) {
          const fromMatch = /^@([^/]+)\/?(.*?)(?:\/\*\*?)?(?:\/\*)?\/?$/.exec(str(obj(c).from) ?? '');
          const root = roots.get(fromMatch?.[1] ?? '') ?? '';
          const from = fromMatch ? [root, fromMatch[2]!].filter((p) => p !== '').join('/') : undefined;
          const to = /^@artifact\/?(.*?)\/?$/.exec(str(obj(c).to) ?? '')?.[1];
          if (from === undefined || to === undefined) continue;
          const toDir = to.replace(/\/+$/, '');
          if (!isUnder(path, toDir)) continue;
          const rest = toDir === '' ? path : path.slice(toDir.length).replace(/^\//, '');
          const mapped = resolveIn(from.replace(/\/+$/, ''), rest || '.');
          if (mapped !== null && this.exists(mapped)) return mapped;
        }
      }
    }
    return null;
  }

  /**
   * Kustomizations made after the sources were read (a ResourceSet's, resource-set-build.ts) are told
   * external as the repository's own are, with the sources made beside them (`made`) counted as defined.
   */
  classifyMade(ks: readonly WorkDoc[], made: ReadonlyMap<string, SourceUrl | null>): void {
    const defined = new Map([...(this.definedSources ?? []), ...made]);
    for (const k of externalSourced(ks, this.own, defined, (path) => this.exists(path))) this.external.add(k.instanceOf ?? k);
  }

  /** A path that is not in the repository is a finding only for this repository's own source. */
  isOwnSource(k: WorkDoc): boolean {
    const key = sourceKey(k);
    return this.ownNames.has(key) || key === '/' || key.startsWith('ExternalArtifact/');
  }
}
