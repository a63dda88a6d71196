/**
 * Secrets added, removed and rotated, from the secrets inventory. Only names, kinds and files are
 * read: the model never held a value, and no hash or MAC of one is compared or printed. A SOPS file
 * whose `sops.lastmodified` changed was re-encrypted (rotated or edited); that date is the only
 * signal used, because the ciphertext and the MAC are deliberately not in the model.
 */
import type { SecretsInventory, SopsFileRow } from '../../analysis/secrets/types.ts';
import type { DiffReport, SecretRef } from './schema.ts';
import { byString, missingFrom, type DiffSide } from './side.ts';
import { namedDocuments } from '../../model/secrets.ts';

function sopsRef(f: SopsFileRow): SecretRef {
  const names = [...namedDocuments(f).map((d) => `${d.kind ?? '?'}/${d.name ?? '?'}`), ...f.generatedInto.map((g) => `${g.kind}/${g.name}`)];
  return { kind: 'sops-file', id: f.file, names: [...new Set(names)].sort(byString), appId: f.appId, file: f.file };
}

/** Every secret-bearing object that is switched on, by identity. */
function refs(inv: SecretsInventory): SecretRef[] {
  return [
    ...inv.sopsFiles.filter((f) => !f.disabled).map(sopsRef),
    ...inv.externalSecrets.filter((e) => !e.disabled).map((e): SecretRef => ({ kind: 'ExternalSecret', id: e.id, names: [`Secret/${e.target}`], appId: e.appId, file: e.source.file })),
    ...inv.sealedSecrets.filter((s) => !s.disabled).map((s): SecretRef => ({ kind: 'SealedSecret', id: s.id, names: [`Secret/${s.name}`], appId: s.appId, file: s.source.file })),
    ...inv.syncedSecrets.filter((s) => !s.disabled).map((s): SecretRef => ({ kind: 'synced', id: s.id, names: [`${s.kind}/${s.name}`, ...s.makes.map((m) => `Secret/${m.name}`)], appId: s.appId, file: s.source.file })),
    ...inv.plainSecrets.filter((s) => !s.disabled).map((s): SecretRef => ({ kind: 'Secret', id: s.id, names: [`Secret/${s.name}`], appId: s.appId, file: s.source.file })),
    ...inv.secretStores.filter((s) => !s.disabled).map((s): SecretRef => ({ kind: 'SecretStore', id: s.id, names: [`${s.kind}/${s.name}`], appId: s.appId, file: s.source.file })),
  ];
}

const key = (r: SecretRef): string => `${r.kind}\u0000${r.id}`;

/**
 * A secret of an app that moved, of the same kind and names, moved with it: it is neither added
 * nor removed (the app's move is reported once, under apps).
 */
export function diffSecrets(base: DiffSide, head: DiffSide, moves: DiffReport['apps']['moved'] = []): DiffReport['secrets'] {
  const to = new Map(moves.map((m) => [m.from.id, m.to.id]));
  const movedKey = (r: SecretRef, appId = r.appId) => `${r.kind}\u0000${r.names.join(',')}\u0000${appId}`;
  const allB = refs(base.analysis.secrets);
  const allH = refs(head.analysis.secrets);
  const headKeys = new Set(allH.map((r) => movedKey(r)));
  // Base secrets of a moved app that reappear, same kind and names, in the app at its new place.
  const carried = new Set(allB.filter((r) => r.appId && to.has(r.appId) && headKeys.has(movedKey(r, to.get(r.appId)))).map((r) => movedKey(r, to.get(r.appId!))));
  const b = allB.filter((r) => !(r.appId && carried.has(movedKey(r, to.get(r.appId)))));
  const h = allH.filter((r) => !carried.has(movedKey(r)));
  const before = new Map(base.analysis.secrets.sopsFiles.filter((f) => !f.disabled).map((f) => [f.file, f.lastmodified]));
  const rotated = head.analysis.secrets.sopsFiles
    .filter((f) => !f.disabled && before.has(f.file) && before.get(f.file) !== f.lastmodified && f.lastmodified !== null)
    .map(sopsRef);
  const sort = (l: SecretRef[]) => l.sort((x, y) => byString(x.kind, y.kind) || byString(x.id, y.id));
  return { added: sort(missingFrom(h, b, key)), removed: sort(missingFrom(b, h, key)), rotated: sort(rotated) };
}
