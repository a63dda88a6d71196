/**
 * EXISTING_CLAIM_MISSING: a deployed HelmRelease's values mount a claim by `existingClaim` that nothing
 * in the repository makes: no PersistentVolumeClaim manifest, no claim a chart renders from values, a
 * StatefulSet's template or an operator's resource (CloudNativePG), of that name, in any namespace
 * (of the release's cluster, where the repository has several).
 * The chart then renders a pod that waits for the claim (Pending, "persistentvolumeclaim not found")
 * unless something outside the repository made it. Judged only where the repository makes claims of
 * its own (one that makes none keeps its claims elsewhere), and not for a name a variable fills in.
 * Outside review (twenty-fourth round): `existingClaim: home-assistant-cache` beside a VolSync
 * component that makes only `home-assistant`; none on the corpus.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { HelmRelease } from '../../model/helm-release.ts';
import type { Source } from '../../model/source.ts';
import type { Pvc } from '../../model/storage.ts';

export interface ExistingClaim {
  claim: string;
  namespace: string | null;
  hr: HelmRelease;
  /** The values line that names it. */
  source: Source;
}

export function existingClaimFindings(claims: readonly ExistingClaim[], pvcs: readonly Pvc[], hasRoots: boolean, elsewhere: 'any' | ReadonlySet<string> | null): Finding[] {
  // (Nor where a Kustomization applies another repository's artifact, or a kustomization.yaml a remote
  // resource, that may make claims in the pod's namespace (outsideContentNamespaces): that content may
  // make the claim, and the repository does not say.)
  if (pvcs.length === 0 || elsewhere === 'any') return [];
  // The clusters whose builds make a claim of each name. A pod mounts a claim of its own cluster: where
  // the repository has several, one only another cluster's builds make is none of this one's (a shared
  // base's release of both clusters beside a claim of one overlay). A claim of no cluster (a file no
  // cluster's build reaches) may be applied to any of them by hand: it counts for each.
  const makers = new Map<string, Set<string | null>>();
  for (const p of pvcs) (makers.get(p.name) ?? makers.set(p.name, new Set()).get(p.name)!).add(p.cluster ?? null);
  const out: Finding[] = [];
  const said = new Set<string>();
  for (const c of claims) {
    const { hr } = c;
    const cluster = hr.cluster ?? null;
    const made = makers.get(c.claim);
    if (hr.disabled !== null || (hasRoots && hr.owner === null) || /\$\{|\{\{/.test(c.claim)) continue;
    if (made && (cluster === null || made.has(cluster) || made.has(null))) continue;
    if (elsewhere?.has(c.namespace ?? 'default')) continue;
    const key = `${hr.id}|${c.claim}`;
    if (said.has(key)) continue;
    said.add(key);
    const others = made ? [...made].filter((x) => x !== null).sort() : [];
    const nothing = others.length > 0
      ? `which nothing of cluster ${cluster} makes (no PersistentVolumeClaim of that name, written or rendered, in its builds; ${others.join(', ')} ${others.length > 1 ? 'make' : 'makes'} one, which this cluster's pods cannot mount)`
      : 'which nothing in this repository makes (no PersistentVolumeClaim of that name, written or rendered)';
    out.push(
      finding(
        'EXISTING_CLAIM_MISSING',
        'warning',
        `HelmRelease ${hr.namespace ?? 'default'}/${hr.name} mounts existingClaim ${c.claim}, ${nothing}: unless something outside the repository creates it in ${c.namespace ?? 'default'}, the pod that mounts it stays Pending. Add the claim (or the component that makes it, a VolSync template), or correct the name.`,
        c.source,
        { area: 'flux', objectId: hr.id, ...(hr.appId ? { appId: hr.appId } : {}) },
      ),
    );
  }
  return out;
}
