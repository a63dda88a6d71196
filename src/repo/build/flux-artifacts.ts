/**
 * The artifact each Flux Kustomization builds from. source-controller packages a GitRepository
 * without what its ignore rules leave out (`.sourceignore` files, its spec.ignore, else the default
 * list: source-ignore.ts), and kustomize-controller builds only what the artifact holds. For this
 * repository's own GitRepository those rules are known here, so its Kustomizations build from the
 * tree of that artifact (KustomizeTree.artifactOf): a file left out is in no build, and an entry that
 * names one is missing. For another kind of source (an OCI artifact CI pushes, a bucket, an
 * ExternalArtifact) what is left out is set elsewhere: those build from the tree as read, where a
 * `.sourceignore` only makes some judgements unsure (KustomizeSource.ignores).
 */
import { obj, str } from '../../model/values.ts';
import { sourceKeyOf } from './external-source.ts';
import type { FluxSources } from './flux-sources.ts';
import { pathBuilder, type PathBuilder } from './flux-path-builder.ts';
import type { KustomizeSource } from './kustomize-source.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { leftOutPhrase, sourceIgnoreRules, type SpecIgnore } from './source-ignore.ts';
import { isUnder } from './paths.ts';
import { ksName, type WorkDoc } from './work-doc.ts';

/** A tree Flux builds from, and the kustomize builds over it. */
interface Artifact {
  tree: KustomizeTree;
  kustomize: PathBuilder;
}

export interface FluxArtifacts {
  /** The artifact a Kustomization (or a copy of one) builds from. */
  of(k: WorkDoc): Artifact;
  /** The repository as read, for a build whose artifact leaves its path out (built so that its objects are shown, blocked). */
  asRead(): Artifact;
  /** Every artifact built from so far. */
  all(): readonly Artifact[];
}

/**
 * The documents a reached Kustomization's build would take in from the repository as read, but that
 * its artifact leaves out: files below its path (a folder whose kustomization.yaml Flux generates from
 * every manifest) that a `.sourceignore` or spec.ignore pattern names. Each gets `leftOut`, which its
 * app's note says (app-deployment.ts): without it, such an app read "nothing includes its folder".
 * (A file a kustomization.yaml names is missing instead: KUSTOMIZE_FILE_MISSING.)
 */
export function markLeftOut(reached: readonly WorkDoc[], artifacts: FluxArtifacts, asRead: KustomizeTree, byFile: ReadonlyMap<string, readonly WorkDoc[]>): void {
  for (const k of reached) {
    const path = k.resolvedPath;
    if (path == null) continue;
    const { tree } = artifacts.of(k);
    const below = tree.leftOutFiles().filter((f) => isUnder(f, path));
    if (below.length === 0) continue;
    const taken = asRead.expand(path, null);
    for (const f of below) {
      const by = taken.has(f) ? tree.leftOutBy?.(f) : null;
      if (!by) continue;
      const why = `${leftOutPhrase(by)} leaves ${f} out of the artifact Flux builds from, so the build of Kustomization ${ksName(k)} (spec.path "${str(obj(k.body.spec).path) ?? ''}") does not take it in`;
      for (const d of byFile.get(f) ?? []) if (!d.isKustomizeFile) d.leftOut ??= why;
    }
  }
}

export function fluxArtifacts(
  docs: readonly WorkDoc[],
  tree: KustomizeTree,
  sources: FluxSources,
  /** The GitRepositories the repository defines, by source key (FluxSources' keys). */
  gitRepositories: ReadonlyMap<string, WorkDoc>,
  rawDocs: ((file: string) => unknown[]) | undefined,
  onDelete: KustomizeSource['onDelete'],
): FluxArtifacts {
  const made = new Map<string, Artifact>();
  const artifact = (key: string, make: () => KustomizeTree): Artifact => {
    const hit = made.get(key);
    if (hit) return hit;
    const t = make();
    const a = { tree: t, kustomize: pathBuilder(docs, t, rawDocs, onDelete) };
    made.set(key, a);
    return a;
  };
  const asRead = () => artifact('', () => tree);
  return {
    of(k) {
      const kind = str(obj(obj(k.body.spec).sourceRef).kind) ?? 'GitRepository';
      const key = sourceKeyOf(k);
      if (kind !== 'GitRepository' || sources.external.has(k.instanceOf ?? k)) return asRead();
      // (A Kustomization without a sourceRef reads nothing; it is built as the repository's own.)
      const repoKey = key === '/' ? sources.own : key;
      const repo = gitRepositories.get(repoKey);
      const spec = repo === undefined ? null : specIgnore(repo);
      // (A GitRepository this repository does not define, the bootstrap's made outside it, sets no spec.ignore known here.)
      return artifact(spec === null ? 'git' : `git:${repoKey}`, () => tree.artifactOf(sourceIgnoreRules(tree.sourceIgnoreFiles, spec)));
    },
    asRead,
    all: () => [...made.values()],
  };
}

function specIgnore(d: WorkDoc): SpecIgnore | null {
  const text = str(obj(d.body.spec).ignore);
  return text === null ? null : { text, source: ksName(d), file: d.file, line: d.raw.lines['spec.ignore'] ?? d.raw.source.line };
}
