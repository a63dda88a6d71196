/**
 * The bootstrap runbook's first step where a Kustomization decrypts: the Secret its
 * `spec.decryption.secretRef` names must exist, in its namespace, before it reconciles, or it fails
 * ("failed to decrypt") and applies nothing. A Secret a build of the repository makes (a component's
 * copy per namespace, from a SOPS file another Kustomization decrypts) comes with that build; the
 * others are made by hand from the owner's key, or from the repository's bootstrap copy of it.
 * https://fluxcd.io/flux/guides/mozilla-sops/
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { decryptionKeyOf, decryptionSecrets, fileApplied, type DecryptionKey, type DecryptionSecret } from './sops-key.ts';
import type { Block, Inline, Section } from './types.ts';

const place = (s: { cluster: string | null; namespace: string | null }) => `${s.cluster ?? ''}\u0000${s.namespace ?? ''}`;

/** Null where no Kustomization decrypts. */
export function decryptionSection(model: RepoModel): Section | null {
  const decrypting = model.kustomizations.filter((k) => !k.disabled && k.decryption !== null);
  if (decrypting.length === 0) return null;
  const secrets = decryptionSecrets(model);
  const keys = model.sopsFiles.filter((f) => !f.disabled).flatMap((f) => {
    const key = decryptionKeyOf(model, f);
    return key ? [{ file: f.file, key, applied: fileApplied(model, f) }] : [];
  });
  const madeByBuild = (s: DecryptionSecret) => keys.some((k) => k.key.secret === s.name && k.key.applied.some((a) => place(a) === place(s)));
  const byHand = secrets.filter((s) => !madeByBuild(s));
  const built = secrets.filter(madeByBuild);
  const blocks: Block[] = [];
  if (byHand.length > 0) {
    const kind = keyKind(model, keys.map((k) => k.key));
    const dataKey = keys[0]?.key.dataKey ?? (kind === 'pgp' ? 'sops.asc' : 'age.agekey');
    const lines = [...new Set(byHand.map((s) => s.cluster))].flatMap((cluster) => [
      ...(cluster ? [`# cluster ${cluster}`] : []),
      ...byHand.filter((s) => s.cluster === cluster).flatMap((s) => {
        // The repository's own copy of it, which no build applies (bootstrap/sops-age.sops.yaml).
        const copy = keys.find((k) => !k.applied && k.key.secret === s.name && k.key.writtenNamespace === s.namespace);
        return [
          `kubectl create namespace ${s.namespace} --dry-run=client -o yaml | kubectl apply -f -`,
          copy ? `sops --decrypt ${copy.file} | kubectl apply -f -` : `kubectl -n ${s.namespace} create secret generic ${s.name} --from-file=${dataKey}=${kind === 'pgp' ? 'path/to/sops.asc' : 'path/to/age.key'}`,
        ];
      }),
    ]);
    blocks.push(
      {
        type: 'text',
        text: [
          `${decrypting.length} Kustomization(s) decrypt SOPS files with the Secret their `, { code: 'spec.decryption.secretRef' },
          ' names, read in their own namespace. Create it before they reconcile (before the bootstrap, for the cluster\'s own), from the owner\'s ',
          kind === 'pgp' ? 'OpenPGP private key (exported armored)' : 'age private key', '; no build of the repository makes it in ', ...list(byHand.map((s) => `${s.namespace}/${s.name}`)), ':',
        ],
      },
      { type: 'code', lang: 'bash', code: lines.join('\n') },
    );
  }
  if (built.length > 0) {
    blocks.push({ type: 'text', text: ['The build of the repository makes it in ', ...list(built.map((s) => `${s.namespace}/${s.name}`)), ' (from ', ...list([...new Set(keys.filter((k) => k.applied).map((k) => k.file))]), '), once the Kustomization that applies it has decrypted it with the key above.'] });
  }
  const noRef = decrypting.filter((k) => !k.decryptionSecret);
  if (noRef.length > 0) {
    blocks.push({ type: 'text', text: [`${noRef.length} Kustomization(s) decrypt without a `, { code: 'secretRef' }, ' (a KMS the controller reaches with its own identity): nothing to create for them.'] });
  }
  blocks.push({ type: 'refs', refs: decrypting.slice(0, 20).map((k) => ({ file: k.source.file, line: k.source.line })) });
  return { slug: 'decryption', heading: 'First: the SOPS decryption key', blocks };
}

/** The key's kind: the key files', else the one `.sops.yaml` encrypts for (age where it names any). */
function keyKind(model: RepoModel, keys: readonly DecryptionKey[]): 'age' | 'pgp' {
  if (keys.length > 0) return keys[0]!.kind;
  return model.sopsRules.some((r) => r.age.length > 0) || !model.sopsRules.some((r) => r.pgp.length > 0) ? 'age' : 'pgp';
}

function list(xs: readonly string[]): Inline[] {
  return xs.flatMap((x, i): Inline[] => [i > 0 ? ', ' : '', { code: x }]);
}
