import { obj, str } from '../../model/values.ts';
import type { WorkDoc } from './work-doc.ts';

/**
 * Source kinds whose files come from an artifact, not necessarily from this Git tree: another Git
 * repository (a tenant's, in Flux's multi-tenancy layout), an OCI artifact, a bucket.
 */
const ARTIFACT_KINDS = new Set(['OCIRepository', 'Bucket', 'GitRepository']);

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
  const keyOf = (k: WorkDoc) => {
    const ref = obj(obj(k.body.spec).sourceRef);
    return { kind: str(ref.kind) ?? '', key: `${str(ref.kind) ?? ''}/${str(ref.name) ?? ''}` };
  };
  const uses = new Map<string, number>();
  for (const k of fluxDocs) uses.set(keyOf(k).key, (uses.get(keyOf(k).key) ?? 0) + 1);
  let own = '';
  let most = 0;
  for (const [key, n] of [...uses].sort(([a], [b]) => a.localeCompare(b))) {
    if (n > most) [own, most] = [key, n];
  }
  return new Set(fluxDocs.filter((k) => ARTIFACT_KINDS.has(keyOf(k).kind) && keyOf(k).key !== own));
}
