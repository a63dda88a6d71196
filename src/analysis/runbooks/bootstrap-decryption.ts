/**
 * The bootstrap runbook's first step where a Kustomization decrypts: the Secret its
 * `spec.decryption.secretRef` names must exist, in its namespace, before it reconciles, or it fails
 * ("failed to decrypt") and applies nothing. A Secret a build of the repository makes (a component's
 * copy per namespace, from a SOPS file another Kustomization decrypts) comes with that build; the
 * others are made by hand from the owner's key, or from the repository's bootstrap copy of it. So is a
 * copy the build makes only once it holds it already: the Kustomization that applies it decrypts with
 * it, itself or through a Kustomization that applies that one (onedr0p's cluster-apps, which applies
 * a component's sops-age into flux-system, where it decrypts with it).
 * https://fluxcd.io/flux/guides/mozilla-sops/
 */
import type { RepoModel } from '../../model/repo-model.ts';
import { fileOf, groupBy, indexBy, idOf } from '../../model/group-by.ts';
import { isLive } from '../health/common.ts';
import { decryptionKeyOf, decryptionSecrets, fileApplied, type DecryptionKey, type DecryptionSecret } from './sops-key.ts';
import type { Block, Inline, Section } from './types.ts';

type Ks = RepoModel['kustomizations'][number];

const place = (s: { cluster: string | null; namespace: string | null }) => `${s.cluster ?? ''}\u0000${s.namespace ?? ''}`;
const at = (cluster: string | null | undefined, namespace: string | null, name: string) => `${cluster ?? ''}\u0000${namespace ?? ''}\u0000${name}`;
const label = (s: { namespace: string | null; name: string }) => `${s.namespace ?? 'default'}/${s.name}`;

/** A copy of a decryption key a build applies: where, from which file, and which Kustomization applies it. */
interface KeyCopy {
  at: string;
  secret: DecryptionSecret;
  file: string;
  /** The key's document's own namespace, as written (null where a kustomization's `namespace:` gives it one). */
  writtenNamespace: string | null;
  applier: Ks;
  /** The Kustomization that decrypts with the copy it needs to be applied: its applier, or one that applies that one; absent where a longer chain locks it. */
  decrypter?: Ks;
}

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
  const locked = lockedByThemselves(model, secrets, byHand, keys);
  const lockedAt = new Set(locked.map((c) => c.at));
  const built = secrets.filter((s) => madeByBuild(s) && !lockedAt.has(at(s.cluster, s.namespace, s.name)));
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
  if (locked.length > 0) blocks.push(...lockedBlocks(locked, keys));
  const hand = new Set([...byHand.map((s) => at(s.cluster, s.namespace, s.name)), ...lockedAt]);
  if (built.length > 0) blocks.push(builtText(model, built, keys.filter((k) => k.applied).map((k) => k.file), hand));
  const noRef = decrypting.filter((k) => !k.decryptionSecret);
  if (noRef.length > 0) {
    blocks.push({ type: 'text', text: [`${noRef.length} Kustomization(s) decrypt without a `, { code: 'secretRef' }, ' (a KMS the controller reaches with its own identity): nothing to create for them.'] });
  }
  blocks.push({ type: 'refs', refs: decrypting.slice(0, 20).map((k) => ({ file: k.source.file, line: k.source.line })) });
  return { slug: 'decryption', heading: 'First: the SOPS decryption key', blocks };
}

/**
 * The copies a build makes that no bootstrap ever gets to: the Kustomization that applies one, or one
 * that applies that one, decrypts with the very Secret (Flux builds nothing of a Kustomization whose
 * decryption Secret is missing, so it never applies the copy). Found by letting every copy whose
 * appliers can decrypt (the Secrets made by hand first) come into being until nothing changes; of
 * what never does, those locked by their own applier, and then whatever still waits on nothing but itself.
 */
function lockedByThemselves(model: RepoModel, secrets: readonly DecryptionSecret[], byHand: readonly DecryptionSecret[], keys: readonly { file: string; key: DecryptionKey; applied: boolean }[]): KeyCopy[] {
  const ks = indexBy(model.kustomizations, idOf);
  const readAt = new Map(secrets.map((s) => [at(s.cluster, s.namespace, s.name), s]));
  const copies: KeyCopy[] = keys.filter((k) => k.applied).flatMap((k) => {
    const where = new Set(k.key.applied.map(place));
    return (groupBy(model.secrets, fileOf).get(k.file) ?? []).flatMap((s) => {
      const applier = s.owner ? ks.get(s.owner) : undefined;
      const secret = readAt.get(at(s.cluster, s.namespace, s.name));
      if (!applier || !secret || s.name !== k.key.secret || !where.has(place({ cluster: s.cluster ?? null, namespace: s.namespace })) || !isLive(s, model)) return [];
      return [{ at: at(s.cluster, s.namespace, s.name), secret, file: k.file, writtenNamespace: k.key.writtenNamespace, applier }];
    });
  });
  if (copies.length === 0) return [];
  // A Kustomization and those that apply it, nearest first: Flux applies it only once they have all built.
  const chain = (k: Ks): Ks[] => {
    const out: Ks[] = [];
    for (let x: Ks | undefined = k; x && !out.includes(x); x = x.owner ? ks.get(x.owner) : undefined) out.push(x);
    return out;
  };
  const key = (x: Ks) => (!x.disabled && x.decryptionSecret ? at(x.cluster, x.namespace ?? 'flux-system', x.decryptionSecret) : null);
  const needs = (k: Ks): string[] => chain(k).flatMap((x) => key(x) ?? []);
  const there = new Set(byHand.map((s) => at(s.cluster, s.namespace, s.name)));
  const settle = () => {
    for (let grew = true; grew; ) {
      grew = false;
      for (const c of copies) {
        if (there.has(c.at) || !needs(c.applier).every((n) => there.has(n) || !readAt.has(n))) continue;
        there.add(c.at);
        grew = true;
      }
    }
  };
  settle();
  const locked = new Map<string, KeyCopy>();
  for (const c of copies) {
    const decrypter = there.has(c.at) || locked.has(c.at) ? undefined : chain(c.applier).find((x) => key(x) === c.at);
    if (decrypter) locked.set(c.at, { ...c, decrypter });
  }
  for (const id of locked.keys()) there.add(id);
  settle();
  for (const c of copies) if (!there.has(c.at) && !locked.has(c.at)) locked.set(c.at, c);
  return [...locked.values()].sort((a, b) => (a.secret.cluster ?? '').localeCompare(b.secret.cluster ?? '') || a.secret.namespace.localeCompare(b.secret.namespace));
}

/** Create each locked copy from the repository's file (its bootstrap copy, where it keeps one), decrypted with the owner's key. */
function lockedBlocks(locked: readonly KeyCopy[], keys: readonly { file: string; key: DecryptionKey; applied: boolean }[]): Block[] {
  const lines = [...new Set(locked.map((c) => c.secret.cluster))].flatMap((cluster) => [
    ...(cluster ? [`# cluster ${cluster}`] : []),
    ...locked.filter((c) => c.secret.cluster === cluster).flatMap((c) => {
      const ns = c.secret.namespace;
      // The repository's bootstrap copy, where it keeps one (no build applies it), is the one meant for this.
      const copy = keys.find((k) => !k.applied && k.key.secret === c.secret.name && k.key.writtenNamespace === ns);
      if (copy) return [`kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`, `sops --decrypt ${copy.file} | kubectl apply -f -`];
      // `kubectl apply -n` refuses a document that names another namespace: the build moved it (a
      // kustomization's namespace:), so the pipe moves it too.
      const apply = c.writtenNamespace === null ? `kubectl apply -n ${ns} -f -` : c.writtenNamespace === ns ? 'kubectl apply -f -' : `yq '.metadata.namespace = "${ns}"' | kubectl apply -f -`;
      return [`kubectl create namespace ${ns} --dry-run=client -o yaml | kubectl apply -f -`, `sops --decrypt ${c.file} | ${apply}`];
    }),
  ]);
  const why = locked.map((c): Inline[] => [
    { code: label(c.secret) }, ' comes from ', { code: c.file }, ', which ', { code: label(c.applier) }, ' applies',
    ...(c.decrypter === undefined
      ? [', but decrypts with a Secret a build makes only once this one is there']
      : c.decrypter === c.applier
        ? [', decrypting it with that same Secret']
        : ['; but ', { code: label(c.decrypter) }, ', which applies it, decrypts with that same Secret']),
    '.',
  ]);
  return [
    {
      type: 'text',
      text: [
        ...why.flatMap((w, i) => [i > 0 ? ' ' : '', ...w]),
        ` Flux builds nothing of a Kustomization whose decryption Secret is missing, so the build never makes ${locked.length === 1 ? 'it' : 'them'}: create ${locked.length === 1 ? 'it' : 'them'} from the file first (sops decrypts it with your private key):`,
      ],
    },
    { type: 'code', lang: 'bash', code: lines.join('\n') },
  ];
}

/** Which Kustomization applies the copies a build makes, and with which Secret it decrypts them. */
function builtText(model: RepoModel, built: readonly DecryptionSecret[], files: readonly string[], hand: ReadonlySet<string>): Block {
  const ks = indexBy(model.kustomizations, idOf);
  const names = new Set(built.map((s) => s.name));
  const builtAt = new Set(built.map((s) => at(s.cluster, s.namespace, s.name)));
  // The Kustomizations whose builds put a copy where one is read, each once, in model order.
  const byApplier = new Map<string, { k: Ks; copies: DecryptionSecret[] }>();
  for (const s of model.secrets) {
    if (!names.has(s.name) || !builtAt.has(at(s.cluster, s.namespace, s.name)) || !s.owner || !files.includes(s.source.file) || !isLive(s, model)) continue;
    const k = ks.get(s.owner);
    if (!k) continue;
    const entry = byApplier.get(k.id) ?? byApplier.set(k.id, { k, copies: [] }).get(k.id)!;
    if (!entry.copies.some((x) => x.namespace === s.namespace && x.cluster === (s.cluster ?? null))) entry.copies.push(built.find((b) => b.namespace === s.namespace && b.name === s.name && b.cluster === (s.cluster ?? null))!);
  }
  const how = [...byApplier.values()].flatMap(({ k, copies }, i): Inline[] => {
    const key = k.decryptionSecret ? { namespace: k.namespace ?? 'flux-system', name: k.decryptionSecret } : null;
    return [
      i > 0 ? '; ' : '', { code: label(k) }, ' applies ', ...(byApplier.size > 1 ? list(copies.map(label)) : [built.length === 1 ? 'it' : 'them']),
      ...(key ? [' once it has decrypted the file with ', { code: label(key) }, hand.has(at(k.cluster, key.namespace, key.name)) ? ', created above' : ''] : []),
    ];
  });
  return {
    type: 'text',
    text: ['The build of the repository makes it in ', ...list(built.map((s) => `${s.namespace}/${s.name}`)), ' (from ', ...list([...new Set(files)]), ')', ...(how.length ? [': ', ...how] : []), '.'],
  };
}

/** The key's kind: the key files', else the one `.sops.yaml` encrypts for (age where it names any). */
function keyKind(model: RepoModel, keys: readonly DecryptionKey[]): 'age' | 'pgp' {
  if (keys.length > 0) return keys[0]!.kind;
  return model.sopsRules.some((r) => r.age.length > 0) || !model.sopsRules.some((r) => r.pgp.length > 0) ? 'age' : 'pgp';
}

function list(xs: readonly string[]): Inline[] {
  return xs.flatMap((x, i): Inline[] => [i > 0 ? ', ' : '', { code: x }]);
}
