/**
 * CLAIM_POPULATOR_MISSING: a claim a build applies is filled at creation by a VolSync
 * ReplicationDestination (`dataSourceRef: {kind: ReplicationDestination, name: ...}`, the home-ops
 * "restore from the last backup" claim) that nothing in the repository makes in its namespace: the
 * claim stays Pending and the app's pods with it (outside review: a component's claim named
 * `${APP}-bootstrap` while the component's destination is `${APP}-dst`). Judged only where the name is
 * known and both namespaces are, for live claims and destinations of the same cluster.
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive, unknownName } from './common.ts';

type Input = Pick<RepoModel, 'pvcs' | 'backupObjects' | 'kustomizations'>;

export function claimPopulatorFindings(model: Input): Finding[] {
  const out: Finding[] = [];
  const destinations = model.backupObjects.filter((b) => b.kind === 'ReplicationDestination' && !b.disabled);
  for (const p of model.pvcs) {
    const from = p.populatedFrom;
    if (!from || from.kind !== 'ReplicationDestination' || p.namespace === null || unknownName(from.name) || unknownName(p.namespace) || !isLive(p, model)) continue;
    const same = (b: (typeof destinations)[number]) => b.name === from.name && (b.cluster ?? null) === (p.cluster ?? null);
    // Written anywhere in its namespace (live or not: a destination no build applies has its own note).
    if (destinations.some((b) => same(b) && (b.namespace === p.namespace || b.namespace === null || unknownName(b.namespace)))) continue;
    const elsewhere = destinations.filter((b) => b.namespace === p.namespace && (b.cluster ?? null) === (p.cluster ?? null) && isLive(b, model)).map((b) => b.name);
    const hint = elsewhere.length > 0 ? ` The ReplicationDestination${elsewhere.length > 1 ? 's' : ''} of the namespace: ${[...new Set(elsewhere)].sort().join(', ')}.` : '';
    out.push(
      finding(
        'CLAIM_POPULATOR_MISSING',
        'warning',
        `PersistentVolumeClaim ${p.namespace}/${p.name} is filled from ReplicationDestination ${from.name} (spec.dataSourceRef), which nothing in the repository makes in namespace ${p.namespace}: the claim stays Pending, and the pods that mount it with it.${hint}`,
        p.source,
        { area: 'backup', objectId: p.id, ...(p.appId ? { appId: p.appId } : {}) },
      ),
    );
  }
  return out;
}
