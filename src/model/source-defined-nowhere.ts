/**
 * A GitRepository that deployed Kustomizations read as this repository's tree, under a name no
 * document of the repository defines and no bootstrap makes, while the cluster's root reads the same
 * tree under another name: a name left over from a template (cluster-template's `home-kubernetes`)
 * or an earlier layout, beside `flux-system`. kustomize-controller reports "GitRepository ... not
 * found" and applies nothing (outside review: an app's `home-kubernetes`, two of the repository's
 * own name, with nothing said).
 *
 * Told apart from the sources a repository rightly leaves out:
 * - the bootstrap's own (`flux bootstrap`, Terraform and a FluxInstance's sync name it after their
 *   namespace, `flux-system`, or the sync's `name`): any name a root Kustomization reads (the one a
 *   FluxInstance's sync makes among them), any root's namespace, and flux-system are never judged;
 *   nothing is where a FluxInstance (or a release of the flux-instance chart) makes no Kustomization
 *   here, since the name its sync gives is then unknown;
 * - another repository's, made outside this one (a platform repository sharing the cluster): a
 *   Kustomization whose paths are no folders here reads another artifact (external-source.ts), and a
 *   name only such Kustomizations read is not judged. One that a Kustomization reads with a path of
 *   this tree is this repository under a second name, and every Kustomization of that name is judged
 *   (a sibling whose folder is missing here reads the same name);
 * - one a ResourceSet may make, or with a variable in its name.
 * Judged only where every root reads a source whose name is known: else the bootstrap's name is not.
 */
import type { FluxKustomization } from './flux.ts';
import type { RepoModel } from './repo-model.ts';
import { templateMatches } from './templated.ts';

type Input = Pick<RepoModel, 'kustomizations' | 'sources' | 'objects' | 'helmReleases'> & Partial<Pick<RepoModel, 'templated'>>;

/** Each judged Kustomization's id, with the root that reads this repository under its own name. */
export function sourcesDefinedNowhere(model: Input): Map<string, FluxKustomization> {
  const out = new Map<string, FluxKustomization>();
  const roots = model.kustomizations.filter((k) => k.isRoot && !k.disabled);
  if (roots.length === 0 || roots.some((r) => r.sourceRef === null || r.sourceRef.name.includes('${'))) return out;
  const instances =
    model.objects.filter((o) => o.kind === 'FluxInstance' && o.group === 'fluxcd.controlplane.io' && o.disabled === null).length +
    model.helmReleases.filter((h) => h.chart.name === 'flux-instance' && !h.disabled).length;
  if (instances > model.kustomizations.filter((k) => k.madeInCluster).length) return out;
  const bootstrap = new Set(['flux-system', ...roots.flatMap((r) => [r.sourceRef!.name, r.namespace ?? 'flux-system'])]);
  const defined = new Set(model.sources.filter((s) => s.kind === 'GitRepository').map((s) => s.name));
  const readers = Map.groupBy(
    model.kustomizations.filter((k) => !k.disabled && k.sourceRef?.kind === 'GitRepository'),
    (k) => k.sourceRef!.name,
  );
  const byId = new Map(model.kustomizations.map((k) => [k.id, k]));
  const rootOf = (k: FluxKustomization): FluxKustomization | undefined => {
    let at: FluxKustomization | undefined = k;
    for (let depth = 0; at && !at.isRoot && depth < 64; depth++) at = at.owner === null ? undefined : byId.get(at.owner);
    return at?.isRoot ? at : undefined;
  };
  for (const [name, ks] of readers) {
    if (defined.has(name) || bootstrap.has(name) || name.includes('${')) continue;
    if ((model.templated ?? []).some((t) => (t.kind === '*' || t.kind === 'GitRepository') && templateMatches(t.name, name))) continue;
    // Read as this tree by one of them at least (a path of it is a folder here), else another repository's.
    if (!ks.some((k) => k.externalSource !== true)) continue;
    for (const k of ks) {
      const ref = k.sourceRef!;
      if (ref.notAnObject || (ref.namespace ?? '').includes('${') || k.isRoot || !k.reachedFromRoot || k.madeInCluster || k.remote || k.owner === null) continue;
      const root = rootOf(k);
      if (root && (root.sourceRef!.kind === 'GitRepository' || root.sourceRef!.kind === 'OCIRepository')) out.set(k.id, root);
    }
  }
  return out;
}
