import { obj, str } from '../../model/values.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * Source kinds whose files come from an artifact, not necessarily from this Git tree: another Git
 * repository (a tenant's, in Flux's multi-tenancy layout), an OCI artifact, a bucket.
 */
const ARTIFACT_KINDS = new Set(['OCIRepository', 'Bucket', 'GitRepository']);

/** `Kind/name` of a Flux Kustomization's sourceRef. */
export function sourceKeyOf(k: WorkDoc): string {
  const ref = obj(obj(k.body.spec).sourceRef);
  return `${str(ref.kind) ?? ''}/${str(ref.name) ?? ''}`;
}

/**
 * This repository's source (`Kind/name`): the one most Flux Kustomizations use. Of two used as often,
 * the one named flux-system (what `flux bootstrap` names the repository's own source), then the
 * first by name: two Kustomizations of a tenant's GitRepository beside the two of the bootstrap must
 * not make the tenant's repository ours.
 */
export function ownSourceKey(fluxDocs: readonly WorkDoc[]): string {
  const uses = new Map<string, number>();
  for (const k of fluxDocs) uses.set(sourceKeyOf(k), (uses.get(sourceKeyOf(k)) ?? 0) + 1);
  const bootstrap = (key: string) => (key.endsWith('/flux-system') ? 0 : 1);
  return [...uses].sort(([a, n], [b, m]) => m - n || bootstrap(a) - bootstrap(b) || a.localeCompare(b))[0]?.[0] ?? '';
}

/**
 * Flux Kustomizations that read another artifact than the repository itself, so their `spec.path`
 * says nothing about this tree. cluster-template's `flux` Kustomization applies `path: ./` of the
 * upstream `flux-manifests` OCIRepository; read as our own root it "contained" every Kustomization
 * of the repo, hid the real root (`cluster`) and left its patches and substituteFrom unapplied.
 *
 * This repository's source is the one most Flux Kustomizations use: a repo that ships itself as an
 * OCI artifact points nearly all of them at that OCIRepository, and it must stay ours.
 */
export function externalSourced(fluxDocs: readonly WorkDoc[]): Set<WorkDoc> {
  const own = ownSourceKey(fluxDocs);
  const kindOf = (k: WorkDoc) => str(obj(obj(k.body.spec).sourceRef).kind) ?? '';
  return new Set(fluxDocs.filter((k) => ARTIFACT_KINDS.has(kindOf(k)) && sourceKeyOf(k) !== own));
}
