/**
 * SOPS_DECRYPTION_MISSING: what a Flux Kustomization without spec.decryption applies encrypted. A
 * SOPS-encrypted Secret manifest is refused, and so is any other SOPS-encrypted object (a ConfigMap,
 * a custom resource): the whole Kustomization fails; a secretGenerator's encrypted file is read as it
 * is, so its Secret holds ciphertext.
 */
import { finding, type Finding } from '../../model/finding.ts';
import { REDACTED } from '../../model/raw-doc.ts';
import type { FluxKustomization } from '../../model/flux.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { KustomizeTree } from './kustomize-tree.ts';

/** A live Kustomization of this repository, reached from a root, that decrypts nothing. */
const withoutDecryption = (ks: FluxKustomization): boolean => ks.decryption === null && !ks.externalSource && ks.reachedFromRoot;

export function sopsDecryptionFindings(model: Pick<RepoModel, 'kustomizations' | 'secrets' | 'sopsFiles' | 'objects'>, tree: KustomizeTree): Finding[] {
  const out: Finding[] = [];
  // kustomize-controller refuses to apply a Secret that still carries its `sops:` block when the
  // Kustomization has no spec.decryption: "<Secret> is SOPS encrypted, configuring decryption is
  // required for this secret to be reconciled", and the whole Kustomization fails.
  const ksById = new Map(model.kustomizations.map((k) => [k.id, k]));
  const block = decryptionBlock(model.kustomizations);
  for (const s of model.secrets) {
    if (!s.encrypted || s.disabled || s.owner === null) continue;
    // `kustomize.toolkit.fluxcd.io/decrypt: disabled`: applied as written, never refused (IsDecryptionDisabled).
    if ((s.annotations['kustomize.toolkit.fluxcd.io/decrypt'] ?? '').toLowerCase() === 'disabled') continue;
    const ks = ksById.get(s.owner);
    if (!ks || !withoutDecryption(ks)) continue;
    out.push(
      finding('SOPS_DECRYPTION_MISSING', 'error', `Secret ${s.namespace ?? 'default'}/${s.name} is SOPS-encrypted, and Kustomization ${ks.namespace ?? 'default'}/${ks.name} (${ks.source.file}:${ks.source.line}), which applies it, has no spec.decryption: the kustomize-controller stops ("is SOPS encrypted, configuring decryption is required for this secret to be reconciled") and applies nothing of that Kustomization. Add \`${block}\` to its spec (or to every Kustomization through a parent's spec.patches).`, s.source, { area: 'secrets', ...(s.appId ? { appId: s.appId } : {}) }),
    );
  }
  // Any other SOPS-encrypted object goes to the API server with its `sops:` block: the server-side
  // apply's dry-run refuses the unknown field (".sops: field not declared in schema", fluxcd/flux2#3367)
  // and the Kustomization applies nothing (outside review: an encrypted ConfigMap was not flagged).
  const sopsDocs = new Set(model.sopsFiles.flatMap((f) => f.documents.map((d) => `${f.file}#${d.docIndex}`)));
  const saidObject = new Set<string>();
  for (const o of model.objects) {
    if (o.disabled || o.owner === null || (o.kind === 'Secret' && o.group === '') || o.kind === REDACTED || !sopsDocs.has(`${o.source.file}#${o.source.docIndex ?? 0}`)) continue;
    const ks = ksById.get(o.owner);
    const key = `${o.owner}|${o.source.file}|${o.source.docIndex ?? 0}`;
    if (!ks || !withoutDecryption(ks) || saidObject.has(key)) continue;
    saidObject.add(key);
    out.push(
      finding('SOPS_DECRYPTION_MISSING', 'error', `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name} is SOPS-encrypted, and Kustomization ${ks.namespace ?? 'default'}/${ks.name} (${ks.source.file}:${ks.source.line}), which applies it, has no spec.decryption: the kustomize-controller sends it with its sops: block, the API server's dry-run refuses it (".sops: field not declared in schema"), and nothing of that Kustomization is applied. Add \`${block}\` to its spec (or to every Kustomization through a parent's spec.patches).`, o.source, { area: 'secrets', objectId: o.id, ...(o.appId ? { appId: o.appId } : {}) }),
    );
  }
  // A secretGenerator's SOPS-encrypted file (a `.env`, a values file) is decrypted by the
  // kustomize-controller only with spec.decryption: without it the Secret holds the ciphertext
  // (`ENC[...]` values, the sops metadata as keys), Flux reports success, and what reads it gets nothing usable.
  const generated = model.sopsFiles.filter((f) => !f.disabled && f.generatedInto.some((u) => u.kind === 'Secret' && u.deployed));
  if (generated.length > 0) {
    const reads = new Map<string, { file: string; use: (typeof generated)[number]['generatedInto'][number] }[]>();
    for (const f of generated) for (const u of f.generatedInto) if (u.kind === 'Secret' && u.deployed) (reads.get(u.source.file) ?? reads.set(u.source.file, []).get(u.source.file)!).push({ file: f.file, use: u });
    const said = new Set<string>();
    for (const ks of model.kustomizations) {
      if (ks.disabled || !withoutDecryption(ks) || ks.resolvedPath === null) continue;
      for (const kfile of tree.expand(ks.resolvedPath, null).keys()) {
        for (const { file, use } of reads.get(kfile) ?? []) {
          const key = `${ks.id}|${file}|${use.source.line}`;
          if (said.has(key)) continue;
          said.add(key);
          out.push(
            finding('SOPS_DECRYPTION_MISSING', 'error', `The secretGenerator "${use.name}" reads ${file}, which is SOPS-encrypted, and Kustomization ${ks.namespace ?? 'default'}/${ks.name} (${ks.source.file}:${ks.source.line}), which builds it, has no spec.decryption: the kustomize-controller decrypts a generator's files only with decryption set, so Secret "${use.name}" holds the ciphertext (ENC[...] values and the sops metadata) and whatever reads it gets no usable value. Add \`${block}\` to its spec.`, use.source, { area: 'secrets' }),
          );
        }
      }
    }
  }
  return out;
}

/**
 * The decryption block to advise: the one the repository's other Kustomizations use most (its own Secret's
 * name, or none where the controller decrypts with a cloud KMS through its identity; outside review: a
 * repository decrypting with GCP KMS was told to add `secretRef: sops-age`), else Flux's documented default.
 */
function decryptionBlock(kustomizations: readonly FluxKustomization[]): string {
  const counts = new Map<string, number>();
  for (const k of kustomizations) {
    if (k.decryption === null || k.disabled) continue;
    const block = k.decryptionSecret ? `decryption: {provider: ${k.decryption}, secretRef: {name: ${k.decryptionSecret}}}` : `decryption: {provider: ${k.decryption}}`;
    counts.set(block, (counts.get(block) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : 'decryption: {provider: sops, secretRef: {name: sops-age}}';
}
