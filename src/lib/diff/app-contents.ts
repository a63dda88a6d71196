/**
 * What an app's page shows (src/lib/site/app-facts.ts) that changed between the revisions, besides
 * its releases (releases.ts), dependsOn, secrets and coverage, which have their own sections: hosts
 * and how they are exposed, volumes, the settings of its Flux Kustomizations, and its objects added
 * or removed. Computed by the functions the page uses, so the diff and the two pages never
 * disagree; lines (`ref`) are not compared, as an edit above a fact moves it.
 */
import { appEndpoints, deployment, type AppFacts } from '../site/app-facts.ts';
import { storageAndBackup } from '../site/app-facts-storage.ts';
import { factsIndex } from '../site/facts-index.ts';
import type { AppChange } from './schema.ts';
import type { DiffSide } from './side.ts';
import { settingsText } from './releases.ts';
import { decryptionText } from '../site/deployment-settings.ts';

/** What of an app's page is compared here (the page computes it with the same functions). */
type Facts = Pick<AppFacts, 'endpoints' | 'storage' | 'deployment'>;

function factsOf(model: DiffSide['model'], app: DiffSide['model']['apps'][number]): Facts {
  const index = factsIndex(model);
  // (The app's own Flux Kustomizations: one a folder of a shared one is built by is that app's.)
  return { endpoints: appEndpoints(model, app.id), storage: storageAndBackup(model, index, app).storage, deployment: deployment(index, app.kustomizations) };
}

const at = (r: { ref: { file: string; line: number } }) => ({ file: r.ref.file, line: r.ref.line });

/** A list's items by key, for the items on one side only and those on both. */
function pair<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): { added: T[]; removed: T[]; both: [T, T][] } {
  const before = new Map(a.map((t) => [key(t), t]));
  const after = new Map(b.map((t) => [key(t), t]));
  return {
    added: b.filter((t) => !before.has(key(t))),
    removed: a.filter((t) => !after.has(key(t))),
    both: b.flatMap((t) => (before.has(key(t)) ? [[before.get(key(t))!, t] as [T, T]] : [])),
  };
}

function endpoints(appId: string, b: Facts, h: Facts): AppChange[] {
  const out: AppChange[] = [];
  const key = (e: Facts['endpoints'][number]) => `${e.kind}/${e.name}\u0000${e.definedIn ?? ''}`;
  const name = (e: Facts['endpoints'][number]) => `${e.kind}/${e.name}`;
  const hosts = (e: Facts['endpoints'][number]) => (e.hosts.length ? e.hosts.join(', ') : 'no host');
  // (A route no Gateway accepts is shown so, not by the exposure its names suggest.)
  const exposure = (e: Facts['endpoints'][number]) => (e.notAttached ? 'not attached' : e.exposure);
  const p = pair(b.endpoints, h.endpoints, key);
  for (const e of p.added) out.push({ appId, area: 'endpoint', change: 'added', subject: name(e), detail: `${name(e)} (${hosts(e)}, ${exposure(e)})`, from: null, to: hosts(e), ...at(e) });
  for (const e of p.removed) out.push({ appId, area: 'endpoint', change: 'removed', subject: name(e), detail: `${name(e)} (${hosts(e)}, ${exposure(e)})`, from: hosts(e), to: null, ...at(e) });
  for (const [x, y] of p.both) {
    const gone = x.hosts.filter((s) => !y.hosts.includes(s));
    const come = y.hosts.filter((s) => !x.hosts.includes(s));
    const words = [come.length ? `host ${come.join(', ')} added` : '', gone.length ? `host ${gone.join(', ')} removed` : '', settingsText([['exposure', exposure(x), exposure(y)], ['class', x.className, y.className]]) ?? ''].filter(Boolean);
    if (words.length) out.push({ appId, area: 'endpoint', change: 'changed', subject: name(y), detail: `${name(y)}: ${words.join(', ')}`, from: hosts(x), to: hosts(y), ...at(y) });
  }
  return out;
}

function volumes(appId: string, b: Facts, h: Facts): AppChange[] {
  const out: AppChange[] = [];
  type V = Facts['storage'][number];
  const key = (v: V) => `${v.name}\u0000${v.sharedFrom ?? ''}`;
  const what = (v: V) => [v.size, v.storageClass, v.accessModes.join(',')].filter(Boolean).join(' ') || v.origin;
  const p = pair(b.storage, h.storage, key);
  for (const v of p.added) out.push({ appId, area: 'volume', change: 'added', subject: v.name, detail: `volume ${v.name} (${what(v)})`, from: null, to: what(v), ...at(v) });
  for (const v of p.removed) out.push({ appId, area: 'volume', change: 'removed', subject: v.name, detail: `volume ${v.name} (${what(v)})`, from: what(v), to: null, ...at(v) });
  for (const [x, y] of p.both) {
    const s = settingsText([['size', x.size, y.size], ['storageClass', x.storageClass, y.storageClass], ['accessModes', x.accessModes, y.accessModes]]);
    if (s) out.push({ appId, area: 'volume', change: 'changed', subject: y.name, detail: `volume ${y.name}: ${s}`, from: what(x), to: what(y), ...at(y) });
  }
  return out;
}

function kustomizations(appId: string, b: Facts, h: Facts): AppChange[] {
  const out: AppChange[] = [];
  // (Added and removed ones are objects of the app, below; dependsOn is the graph's.)
  for (const [x, y] of pair(b.deployment, h.deployment, (d) => d.id).both) {
    const s = settingsText([
      ['suspend', x.suspend, y.suspend], ['disabled', x.disabled, y.disabled], ['path', x.path, y.path], ['source', x.source, y.source],
      ['targetNamespace', x.targetNamespace, y.targetNamespace], ['prune', x.prune, y.prune], ['wait', x.wait, y.wait],
      ['interval', x.interval, y.interval], ['timeout', x.timeout, y.timeout], ['retryInterval', x.retryInterval, y.retryInterval], ['substitute', x.substitutions, y.substitutions], ['substituteFrom', x.substituteFrom, y.substituteFrom],
      ['decryption', x.decryption && decryptionText(x.decryption), y.decryption && decryptionText(y.decryption)],
    ]);
    if (s) out.push({ appId, area: 'flux', change: 'changed', subject: y.id, detail: `${y.id}: ${s}`, from: null, to: null, ...at(y) });
  }
  return out;
}

/**
 * The app's objects added or removed, but for those another section reports: its HelmReleases (a
 * chart added or removed), Secrets and the objects of the secrets inventory (the secrets section),
 * and `#` copies (a second build of one document, an object made from Helm values).
 */
function objects(appId: string, b: Side, h: Side): AppChange[] {
  const ids = (s: Side) => new Set((s.apps.get(appId)?.objects ?? []).filter((id) => !id.includes('#') && !/^(HelmRelease|Secret)\//.test(id) && !s.secretIds.has(id)));
  const before = ids(b);
  const after = ids(h);
  const source = (s: Side, id: string) => {
    const o = s.objects.get(id);
    return o ? { file: o.source.file, line: o.source.line } : { file: s.apps.get(appId)!.source.file, line: s.apps.get(appId)!.source.line };
  };
  return [
    ...[...after].filter((id) => !before.has(id) && !b.secretIds.has(id)).map((id): AppChange => ({ appId, area: 'object', change: 'added', subject: id, detail: id, from: null, to: id, ...source(h, id) })),
    ...[...before].filter((id) => !after.has(id) && !h.secretIds.has(id)).map((id): AppChange => ({ appId, area: 'object', change: 'removed', subject: id, detail: id, from: id, to: null, ...source(b, id) })),
  ];
}

interface Side {
  apps: ReadonlyMap<string, DiffSide['model']['apps'][number]>;
  objects: ReadonlyMap<string, { source: { file: string; line: number } }>;
  /** Ids of the objects the secrets inventory lists (External, ClusterExternal and PushSecrets, SealedSecrets, stores, synced). */
  secretIds: ReadonlySet<string>;
}

function sideOf(s: DiffSide): Side {
  const inv = s.analysis.secrets;
  return {
    apps: new Map(s.model.apps.map((a) => [a.id, a])),
    objects: new Map(s.model.objects.map((o) => [o.id, o])),
    secretIds: new Set([...inv.externalSecrets, ...inv.clusterExternalSecrets, ...inv.pushSecrets, ...inv.sealedSecrets, ...inv.syncedSecrets, ...inv.plainSecrets, ...inv.secretStores].map((r) => r.id)),
  };
}

/** The changes of each app deployed on both sides (every live object of a Flux build is of an app). */
export function diffAppContents(base: DiffSide, head: DiffSide, stable: ReadonlySet<string>): AppChange[] {
  const out: AppChange[] = [];
  const sb = sideOf(base);
  const sh = sideOf(head);
  for (const id of stable) {
    const ab = sb.apps.get(id);
    const ah = sh.apps.get(id);
    if (!ab || !ah) continue;
    const b = factsOf(base.model, ab);
    const h = factsOf(head.model, ah);
    for (const list of [endpoints(id, b, h), volumes(id, b, h), kustomizations(id, b, h), objects(id, sb, sh)]) for (const c of list) out.push(c);
  }
  return out;
}
