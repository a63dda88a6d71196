/**
 * SEALED_SECRET_MOVED: a SealedSecret a build applies under another namespace (or, strict, another
 * name) than the one it was sealed for. Sealed Secrets bind the ciphertext to the namespace (strict and
 * namespace-wide scopes) and the name (strict) given to kubeseal; a kustomization's `namespace:` or
 * namePrefix rewrites metadata but not the ciphertext, so the controller fails to unseal it ("no key
 * could decrypt secret") and the Secret is never made (outside review: two SealedSecrets sealed with
 * `-n flux-system` moved to `database` and `cert-manager`; kubectl kustomize shows the move).
 */
import { finding, type Finding } from '../../model/finding.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import { isLive } from './common.ts';

export function sealedMovedFindings(model: Pick<RepoModel, 'sealedSecrets' | 'kustomizations'>): Finding[] {
  const out: Finding[] = [];
  for (const s of model.sealedSecrets) {
    const sealed = s.sealedFor;
    if (!sealed || !isLive(s, model)) continue;
    const where = sealed.namespace !== s.namespace ? `namespace ${s.namespace} (sealed for ${sealed.namespace})` : `the name ${s.name} (sealed as ${sealed.name})`;
    out.push(
      finding(
        'SEALED_SECRET_MOVED',
        'warning',
        `SealedSecret ${sealed.namespace}/${sealed.name} (scope ${s.scope}) is applied under ${where}: its ciphertext is bound to what it was sealed for, so the controller cannot unseal it and the Secret ${s.name} is never made. Seal it again for ${s.namespace}/${s.name}, or keep its build from moving it.`,
        s.source,
        { area: 'secrets', objectId: s.id, ...(s.appId ? { appId: s.appId } : {}) },
      ),
    );
  }
  return out;
}
