import type { ArtifactPush } from '../artifact-pushes.ts';
import type { Finding } from '../../model/finding.ts';
import { resolveArtifactEntries } from './artifact-entries.ts';
import { buildFlux } from './flux-build.ts';
import { applyStaticKustomize } from './kustomize-static.ts';
import type { KustomizeTree } from './kustomize-tree.ts';
import { explicitNs, isClusterScoped, type WorkDoc } from './work-doc.ts';

/**
 * Do what Flux does before it applies anything: follow each Kustomization's path through
 * kustomization.yaml files, give objects their namespaces, apply patches, substitute ${VAR}s.
 * Parents are processed before children (breadth-first from the cluster roots), so a root's patch
 * or variable that changes a child Kustomization is in place before the child is built.
 */
export function resolveFlux(
  docs: readonly WorkDoc[],
  tree: KustomizeTree,
  byFile: ReadonlyMap<string, WorkDoc[]>,
  /** Every document of a file as read, also those that are not objects (a JSON 6902 patch file is a list). */
  rawDocs?: (file: string) => unknown[],
  /** Folders the repository pushes as OCI artifacts (artifact-pushes.ts). */
  pushes: readonly ArtifactPush[] = [],
): { findings: Finding[]; objects: WorkDoc[]; clusters: string[]; deployedKustomizeFiles: Set<string>; builtKustomizeFiles: ReadonlySet<string>; generatedNames: ReadonlyMap<string, ReadonlySet<string>>; fileClusters: ReadonlyMap<string, ReadonlySet<string>>; generatedClusters: ReadonlyMap<string, ReadonlySet<string>>; remoteNamespaces: ReadonlyMap<string, ReadonlySet<string | null>> } {
  const findings: Finding[] = [];

  // 0. Folders built only inside an ExternalArtifact resolve their entries where the artifact has them (artifact-entries.ts).
  resolveArtifactEntries(docs, tree);

  // 1-2. Static kustomize builds from every kustomization.yaml root (kustomize-static.ts): namespaces
  // (outermost wins), patches, namePrefix/nameSuffix, labels, images and replacements, written into the documents.
  findings.push(...applyStaticKustomize(docs, tree, byFile, rawDocs));
  for (const d of docs) d.ns = isClusterScoped(d.kind) ? null : (d.kustomizeNs ?? explicitNs(d));

  // 3. Flux Kustomizations, cluster by cluster, breadth-first from the roots.
  const flux = buildFlux(docs, tree, byFile, rawDocs, pushes);
  findings.push(...flux.findings);
  return { findings, objects: flux.objects, clusters: flux.clusters, deployedKustomizeFiles: flux.deployedKustomizeFiles, builtKustomizeFiles: flux.builtKustomizeFiles, generatedNames: flux.generatedNames, fileClusters: flux.fileClusters, generatedClusters: flux.generatedClusters, remoteNamespaces: flux.remoteNamespaces };
}
