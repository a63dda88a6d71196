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

/**
 * A name still holding `${VAR}`: a template Flux never substituted here (a Component's file no
 * Kustomization uses any more), not the name of anything a build applies.
 */
const TEMPLATED = /\$\{/;
const concrete = (names: readonly string[]): string[] => names.filter((n) => !TEMPLATED.test(n));

function sopsRef(f: SopsFileRow): SecretRef {
  const names = [...namedDocuments(f).map((d) => `${d.kind ?? '?'}/${d.name ?? '?'}`), ...f.generatedInto.map((g) => `${g.kind}/${g.name}`)];
  return { kind: 'sops-file', id: f.file, names: concrete([...new Set(names)]).sort(byString), appId: f.appId, file: f.file };
}

/**
 * What a Flux build applies: not switched off in its text and not marked notDeployed by the
 * inventory (its app is not deployed, or no Flux Kustomization reaches it, as an unreferenced
 * Component's template). Outside review: a Component's ExternalSecret no Kustomization used any
 * more was diffed as "secret added ExternalSecret/default/${APP}-volsync".
 */
const applied = (r: { disabled: boolean; notDeployed?: true }): boolean => !r.disabled && r.notDeployed !== true;

/** An object's ref, or none where its id or a name it makes is an unsubstituted template. */
function objectRef(r: SecretRef): SecretRef[] {
  return TEMPLATED.test(r.id) || r.names.some((n) => TEMPLATED.test(n)) ? [] : [r];
}

/** Every secret-bearing object a Flux build applies, by identity. */
function refs(inv: SecretsInventory): SecretRef[] {
  return [
    ...inv.sopsFiles.filter(applied).map(sopsRef),
    ...inv.externalSecrets.filter(applied).flatMap((e) => objectRef({ kind: 'ExternalSecret', id: e.id, names: [`Secret/${e.target}`], appId: e.appId, file: e.source.file })),
    ...inv.clusterExternalSecrets.filter(applied).flatMap((c) => objectRef({ kind: 'ClusterExternalSecret', id: c.id, names: [`Secret/${c.target}`], appId: c.appId, file: c.source.file })),
    // (A PushSecret makes no Secret: it names the one it pushes, and where to.)
    ...inv.pushSecrets.filter(applied).flatMap((p) => objectRef({ kind: 'PushSecret', id: p.id, names: [`PushSecret/${p.name}`], appId: p.appId, file: p.source.file })),
    ...inv.sealedSecrets.filter(applied).flatMap((s) => objectRef({ kind: 'SealedSecret', id: s.id, names: [`Secret/${s.name}`], appId: s.appId, file: s.source.file })),
    ...inv.syncedSecrets.filter(applied).flatMap((s) => objectRef({ kind: 'synced', id: s.id, names: [`${s.kind}/${s.name}`, ...s.makes.map((m) => `Secret/${m.name}`)], appId: s.appId, file: s.source.file })),
    ...inv.plainSecrets.filter(applied).flatMap((s) => objectRef({ kind: 'Secret', id: s.id, names: [`Secret/${s.name}`], appId: s.appId, file: s.source.file })),
    ...inv.secretStores.filter(applied).flatMap((s) => objectRef({ kind: 'SecretStore', id: s.id, names: [`${s.kind}/${s.name}`], appId: s.appId, file: s.source.file })),
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
  const before = new Map(base.analysis.secrets.sopsFiles.filter(applied).map((f) => [f.file, f.lastmodified]));
  const rotated = head.analysis.secrets.sopsFiles
    .filter((f) => applied(f) && before.has(f.file) && before.get(f.file) !== f.lastmodified && f.lastmodified !== null)
    .map(sopsRef);
  const sort = (l: SecretRef[]) => l.sort((x, y) => byString(x.kind, y.kind) || byString(x.id, y.id));
  return { added: sort(missingFrom(h, b, key)), removed: sort(missingFrom(b, h, key)), rotated: sort(rotated) };
}
