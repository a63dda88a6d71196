/**
 * The Kustomizations that substitute a Secret's keys into their manifests (`postBuild.substituteFrom`),
 * for the rotate runbook of whatever makes that Secret (a SOPS file, an ExternalSecret). Flux reads the
 * Secret in the Kustomization's own namespace
 * (https://fluxcd.io/flux/components/kustomize/kustomizations/#post-build-variable-substitution), so
 * they are matched by cluster, namespace and name: matched by name alone, a SOPS file no build applies
 * claimed the Kustomizations that read the Secret an ExternalSecret of the same name makes (outside
 * review), and that ExternalSecret's runbook never said to reconcile them.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { positionIn, subset } from '../../model/group-by.ts';
import type { SecretAt } from './backup-repositories.ts';
import type { Block } from './types.ts';

type Ks = RepoModel['kustomizations'][number];

/** Live Kustomizations that substitute variables from a Secret (a few of all). */
const substitutesSecrets = (k: Ks): boolean => !k.disabled && k.postBuild.substituteFrom.some((s) => s.kind === 'Secret');

/** Per Secret name, the live Kustomizations that substitute from it (made once per model: every rotate runbook asks). */
function substitutingBySecret(kustomizations: readonly Ks[]): ReadonlyMap<string, readonly Ks[]> {
  let index = SUBSTITUTING.get(kustomizations);
  if (!index) {
    const built = new Map<string, Ks[]>();
    for (const k of subset(kustomizations, substitutesSecrets)) {
      for (const name of new Set(k.postBuild.substituteFrom.filter((s) => s.kind === 'Secret').map((s) => s.name))) (built.get(name) ?? built.set(name, []).get(name)!).push(k);
    }
    SUBSTITUTING.set(kustomizations, (index = built));
  }
  return index;
}
const SUBSTITUTING = new WeakMap<readonly Ks[], ReadonlyMap<string, readonly Ks[]>>();

/**
 * The live Kustomizations that substitute from one of `secrets`, in model order: the same name, in the
 * Kustomization's namespace and cluster (a Secret whose namespace is not known, by name alone).
 */
export function substitutingKustomizations(model: Pick<RepoModel, 'kustomizations'>, secrets: readonly SecretAt[]): Ks[] {
  const bySecret = substitutingBySecret(model.kustomizations);
  const at = positionIn(model.kustomizations);
  const reads = (k: Ks, s: SecretAt) => (s.namespace === null || k.namespace === null || k.namespace === s.namespace) && (k.cluster ?? null) === (s.cluster ?? null);
  const found = new Set(secrets.flatMap((s) => (bySecret.get(s.name) ?? []).filter((k) => reads(k, s))));
  return [...found].sort((a, b) => at.of(a) - at.of(b));
}

export const reconcileCommand = (k: { name: string; namespace: string | null }, withSource = false): string =>
  `flux reconcile kustomization ${k.name} -n ${k.namespace ?? 'flux-system'}${withSource ? ' --with-source' : ''}`;

/** What to say of them: reconcile each, so the new values reach the manifests. */
export function substitutionBlocks(substituting: readonly Ks[]): Block[] {
  if (substituting.length === 0) return [];
  return [
    { type: 'text', text: ['Its variables are substituted (', { code: 'postBuild.substituteFrom' }, `) into ${substituting.length} Kustomization(s); reconcile them so the new values reach the manifests:`] },
    { type: 'code', lang: 'bash', code: substituting.map((k) => reconcileCommand(k)).join('\n') },
    { type: 'refs', refs: substituting.map((k) => ({ file: k.source.file, line: k.source.line })) },
  ];
}
