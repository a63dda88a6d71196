/**
 * The SOPS decryption key as the repository shows it. The kustomize-controller decrypts a
 * Kustomization's build with the Secret its `spec.decryption.secretRef` names, read in the
 * Kustomization's own namespace (a parent's spec.patches often sets it on every child, which the model
 * applies); of that Secret it reads the keys ending in `.agekey` (age) and `.asc` (OpenPGP).
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#decryption
 * A SOPS file that holds such a Secret is the key itself, and is rotated as a key (rotate-sops-key.ts),
 * never by editing its value: the other files stay encrypted for the old recipient.
 */
import type { RepoModel } from '../../model/repo-model.ts';
import type { SopsFile } from '../../model/secrets.ts';
import { fileOf, groupBy } from '../../model/group-by.ts';
import { isLive } from '../health/common.ts';
import type { SecretAt } from './backup-repositories.ts';
import { fileApplied } from './applied.ts';

export { fileApplied } from './applied.ts';

type Ks = RepoModel['kustomizations'][number];

/** A Secret Flux decrypts with, where it is read, and the Kustomizations that name it (model order). */
export interface DecryptionSecret {
  name: string;
  namespace: string;
  cluster: string | null;
  kustomizations: Ks[];
}

/** The SOPS file's Secret that is a decryption key: its name, key names, kind, where builds put it, who decrypts with it. */
export interface DecryptionKey {
  secret: string;
  /** The key of the Secret that holds the private key (`age.agekey`, `sops.asc`). */
  dataKey: string;
  kind: 'age' | 'pgp';
  /** Where a Flux build applies the file's copies of it (a component's copy per namespace); empty when none does. */
  applied: SecretAt[];
  /** Ids of the Kustomizations whose builds apply those copies. */
  appliedBy: string[];
  /** The namespace the document writes, for a file no build applies (a bootstrap copy). */
  writtenNamespace: string | null;
  /** Every place a Kustomization reads a Secret of this name. */
  readAt: DecryptionSecret[];
}

/** Credentials for a KMS, which decryption Secrets may hold instead of a key: rotated like any secret. */
const KMS_CREDENTIALS = new Set(['sops.aws-kms', 'sops.azure-kv', 'sops.gcp-kms', 'sops.vault-token']);
const AGE_KEY = /\.agekey$/;
const PGP_KEY = /\.asc$/;

/** Every Secret a live Flux Kustomization decrypts with, by cluster, namespace and name. */
export function decryptionSecrets(model: Pick<RepoModel, 'kustomizations'>): DecryptionSecret[] {
  const hit = DECRYPTION.get(model.kustomizations);
  if (hit) return hit;
  const by = new Map<string, DecryptionSecret>();
  for (const k of model.kustomizations) {
    if (k.disabled || !k.decryptionSecret || !reached(model, k)) continue;
    const namespace = k.namespace ?? 'flux-system';
    const key = `${k.cluster ?? ''}\u0000${namespace}\u0000${k.decryptionSecret}`;
    const entry = by.get(key) ?? by.set(key, { name: k.decryptionSecret, namespace, cluster: k.cluster ?? null, kustomizations: [] }).get(key)!;
    entry.kustomizations.push(k);
  }
  const out = [...by.values()].sort((a, b) => (a.cluster ?? '').localeCompare(b.cluster ?? '') || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  DECRYPTION.set(model.kustomizations, out);
  return out;
}
const DECRYPTION = new WeakMap<readonly Ks[], DecryptionSecret[]>();

/** A Kustomization Flux reconciles: a root, or one a root reaches (where the repository has a root at all). */
function reached(model: Pick<RepoModel, 'kustomizations'>, k: Ks): boolean {
  return k.isRoot || k.reachedFromRoot || !model.kustomizations.some((x) => x.isRoot && !x.disabled);
}


/**
 * The decryption key the file holds, if it holds one: a Secret with a `.agekey` or `.asc` key, or one
 * a live Kustomization names in spec.decryption.secretRef where the file's copy of it lands (unless it
 * holds only a KMS's credentials). Null for any other file.
 */
export function decryptionKeyOf(model: RepoModel, f: SopsFile): DecryptionKey | null {
  const readAt = decryptionSecrets(model);
  const applied = fileApplied(model, f);
  const copies = (groupBy(model.secrets, fileOf).get(f.file) ?? []).filter((s) => applied && isLive(s, model));
  for (const d of f.documents) {
    if (d.kind !== 'Secret' || !d.name) continue;
    const name = d.name;
    const live = copies.filter((s) => s.name === name);
    const mine = live.map((s): SecretAt => ({ name, namespace: s.namespace, cluster: s.cluster ?? null }));
    const places = mine.length > 0 ? mine : [{ name, namespace: d.namespace, cluster: null }];
    const read = readAt.filter((r) => r.name === name);
    // Named where one of its copies lands (a copy whose namespace is unknown, by name alone).
    const named = read.some((r) => places.some((p) => p.namespace === null || (p.namespace === r.namespace && (mine.length === 0 || p.cluster === r.cluster))));
    const keyShaped = d.keys.some((k) => AGE_KEY.test(k) || PGP_KEY.test(k));
    const credentialsOnly = d.keys.length > 0 && d.keys.every((k) => KMS_CREDENTIALS.has(k));
    if (!keyShaped && (!named || credentialsOnly)) continue;
    const age = d.keys.find((k) => AGE_KEY.test(k));
    const pgp = d.keys.find((k) => PGP_KEY.test(k));
    return {
      secret: name,
      dataKey: age ?? pgp ?? 'age.agekey',
      kind: !age && pgp ? 'pgp' : 'age',
      applied: [...new Map(mine.map((s) => [`${s.cluster ?? ''}\u0000${s.namespace ?? ''}`, s])).values()],
      appliedBy: [...new Set(live.flatMap((s) => (s.owner ? [s.owner] : [])))].sort(),
      writtenNamespace: d.namespace,
      readAt: read,
    };
  }
  return null;
}
