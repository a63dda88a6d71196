/**
 * SUBSTITUTE_FROM_UNORDERED: a Flux Kustomization substitutes variables from a Secret (postBuild.
 * substituteFrom, not optional) that an ExternalSecret of another Kustomization makes, and does not
 * depend on that Kustomization, directly or through the Kustomizations that apply it: kustomize-controller
 * reads the Secret before it builds, so on a fresh cluster the first reconcile fails ("secrets not found")
 * until the other one has applied the ExternalSecret and the operator has synced it (outside review: immich
 * substituting from `immich-secret`, which its sibling `immich-secret` makes). A warning, as a missing store
 * is. Where the Kustomization's own build makes that Secret, it can never build at all: it waits for a
 * Secret that only its own apply would create (an error).
 *
 * Only ExternalSecrets: a Secret manifest (SOPS or plain) exists as soon as it is applied. Only the same
 * cluster, a live producer, and a reference without a variable in it.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { adjacency, reachable } from './reach.ts';
import type { DepGraph } from './types.ts';

type Input = Pick<RepoModel, 'kustomizations' | 'externalSecrets' | 'apps'>;

export function substituteOrderFindings(model: Input, graph: DepGraph): Finding[] {
  const out: Finding[] = [];
  const hasRoots = model.kustomizations.some((k) => k.isRoot);
  const ksById = new Map(model.kustomizations.map((k) => [k.id, k]));
  const notDeployed = new Set(model.apps.filter((a) => a.notDeployed).map((a) => a.id));
  const live = (k: (typeof model.kustomizations)[number]) => !k.disabled && (!hasRoots || k.reachedFromRoot || k.isRoot) && (k.appId === null || !notDeployed.has(k.appId));
  // The ExternalSecrets a Kustomization's build applies, by the Secret they make.
  const producers = Map.groupBy(
    model.externalSecrets.filter((e) => e.disabled === null && e.owner !== null && ksById.has(e.owner)),
    (e) => `${e.cluster ?? ''}|${e.namespace ?? ''}|${e.targetName}`,
  );
  if (producers.size === 0) return out;
  const upstream = adjacency(graph, 'upstream');
  /** The Kustomizations that apply this one, nearest first. */
  const ancestors = (id: string): string[] => {
    const seen: string[] = [];
    for (let cur = ksById.get(id)?.owner ?? null; cur !== null && !seen.includes(cur) && seen.length < 32; cur = ksById.get(cur)?.owner ?? null) seen.push(cur);
    return seen;
  };
  for (const k of model.kustomizations) {
    if (!live(k)) continue;
    for (const ref of k.postBuild.substituteFrom) {
      if (ref.kind !== 'Secret' || ref.optional || ref.name.includes('${')) continue;
      const made = (producers.get(`${k.cluster ?? ''}|${k.namespace ?? ''}|${ref.name}`) ?? []).filter((e) => live(ksById.get(e.owner!)!));
      if (made.length === 0) continue;
      const extra = { area: 'graph', objectId: k.id, ...(k.appId ? { appId: k.appId } : {}) };
      const own = made.find((e) => e.owner === k.id);
      if (own) {
        out.push(finding('SUBSTITUTE_FROM_UNORDERED', 'error', `Kustomization ${k.namespace ?? 'flux-system'}/${k.name} substitutes from Secret ${ref.name}, which only its own build makes (ExternalSecret ${own.name}, ${own.source.file}:${own.source.line}): kustomize-controller reads the Secret before it builds, so on a fresh cluster it never builds, and the ExternalSecret is never applied. Apply the ExternalSecret from a Kustomization of its own and depend on it.`, k.source, extra));
        continue;
      }
      // Ordered where the Kustomization, or one that applies it, depends on a producer's Kustomization or on
      // one that applies it; or where a producer's Kustomization applies this one (the parent applied it first).
      const mine = [k.id, ...ancestors(k.id)];
      const before = new Set(reachable(upstream, mine).keys());
      const ordered = made.some((e) => mine.includes(e.owner!) || [e.owner!, ...ancestors(e.owner!)].some((p) => before.has(p)));
      if (ordered) continue;
      const by = made[0]!;
      const owner = ksById.get(by.owner!)!;
      out.push(
        finding(
          'SUBSTITUTE_FROM_UNORDERED',
          'warning',
          `Kustomization ${k.namespace ?? 'flux-system'}/${k.name} substitutes from Secret ${ref.name}, which ExternalSecret ${by.name} of Kustomization ${owner.namespace ?? 'flux-system'}/${owner.name} makes (${by.source.file}:${by.source.line}), and does not depend on that Kustomization: on a fresh cluster its first reconcile fails ("secrets not found") until the other has been applied and the Secret synced. Add dependsOn: [{ name: ${owner.name}, namespace: ${owner.namespace ?? 'flux-system'} }].`,
          k.source,
          extra,
        ),
      );
    }
  }
  return out;
}
