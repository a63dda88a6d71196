/**
 * The backup tools that read a Secret as their repository's: VolSync ReplicationSources,
 * ReplicationDestinations (`restic.repository`, `kopia.repository`) and KopiaMaintenances
 * (`repository.repository`), k8up Schedules (`backend.repoPasswordSecretRef`, from the scrubbed RawDoc),
 * and the pods that mount where one of those repositories lives (the same NFS share and path, the same
 * claim) and read a Secret holding the tool's password (`KOPIA_PASSWORD`, `RESTIC_PASSWORD`): a kopia
 * UI over the movers' share. The password in such a Secret is the key the repository is encrypted with:
 * restic and kopia keep it in the repository, not in Kubernetes. Rotating it as an app's credential (new
 * value in the store, restart the app) locks every reader out of every existing backup (outside review);
 * so does rotating one of several Secrets that hold the same repository's password alone (outside
 * review: a KopiaMaintenance's and a kopia UI's Secrets beside the movers'). https://restic.readthedocs.io/en/stable/070_encryption.html,
 * https://kopia.io/docs/reference/command-line/common/repository-change-password/
 */
import type { HelmRelease } from '../../model/helm-release.ts';
import { isWorkload } from '../../model/k8s-object.ts';
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { Source } from '../../model/source.ts';
import type { BackupObject } from '../../model/storage.ts';
import { arr, isObj, obj, str } from '../../model/values.ts';
import { rotateExternalSecretPath, rotateSopsPath } from './paths.ts';
import { at, rawDocOf, safeBackend } from './raw-docs.ts';
import { fileApplied, objectApplied } from './applied.ts';
import { valueStrings } from './value-strings.ts';

/** A Secret by name, where a build puts it. */
export interface SecretAt {
  name: string;
  namespace: string | null;
  cluster: string | null;
}

/** A workload or HelmRelease whose pods open a repository: no mover, a reader all the same. */
interface PodReader {
  group: string;
  kind: string;
  name: string;
  namespace: string | null;
  appId: string | null;
  cluster?: string | null;
  source: Source;
}

export interface RepositoryReader {
  /** The VolSync ReplicationSource, ReplicationDestination or KopiaMaintenance, the k8up Schedule, or the pods' workload or HelmRelease. */
  object: BackupObject | PodReader;
  /**
   * How it reads the Secret: `mover`, a pod VolSync or k8up starts for each run; `pods`, pods that keep
   * running and read it when they start (restarted); `runs`, a CronJob's or Job's, at each run.
   */
  role: 'mover' | 'pods' | 'runs';
  tool: 'restic' | 'kopia';
  /** The Secret's key that holds the repository's password. */
  passwordKey: string;
  /** Where the repository is, as far as the repository says: `nfs host:/path`, `claim name`, `s3 endpoint/bucket`. */
  places: string[];
}

const key = (s: SecretAt): string => `${s.cluster ?? ''}\u0000${s.namespace ?? ''}\u0000${s.name}`;

/** The readers of `s` as a backup repository, in model order. */
export function repositoryReaders(model: RepoModel, docs: readonly RawDoc[] | undefined, s: SecretAt): RepositoryReader[] {
  return repositorySecrets(model, docs).get(key(s))?.readers ?? [];
}

/** A reader that is a backup tool's own object (not pods that mount its repository). */
export function isMover(r: RepositoryReader): r is RepositoryReader & { object: BackupObject } {
  return r.role === 'mover';
}

/** Movers before pods; sources before destinations (what runs on a schedule first), then by name. */
function byRole(a: RepositoryReader, b: RepositoryReader): number {
  const rank = (r: RepositoryReader) => (r.role !== 'mover' ? 2 : r.object.kind === 'ReplicationDestination' ? 1 : 0);
  return rank(a) - rank(b) || a.object.name.localeCompare(b.object.name);
}

/** What a place is matched by: a claim is one of its namespace, a share or a bucket is the same everywhere. */
const placeKey = (namespace: string | null, place: string): string => (place.startsWith('claim ') ? `${namespace ?? ''}/${place}` : place);
/** The places of a reader, as matched. */
const placeKeys = (r: RepositoryReader): string[] => r.places.map((p) => placeKey(r.object.namespace, p));

const PASSWORD_KEY = { kopia: 'KOPIA_PASSWORD', restic: 'RESTIC_PASSWORD' } as const;

/**
 * Every Secret a backup tool reads as its repository, with its readers: made once per model and docs
 * (each rotate runbook asks, and asks for its peers).
 */
function repositorySecrets(model: RepoModel, docs: readonly RawDoc[] | undefined): ReadonlyMap<string, { secret: SecretAt; readers: RepositoryReader[] }> {
  const byDocs = MEMO.get(model) ?? new Map();
  MEMO.set(model, byDocs);
  const hit = byDocs.get(docs ?? NO_DOCS);
  if (hit) return hit;
  const out = new Map<string, { secret: SecretAt; readers: RepositoryReader[] }>();
  const add = (secret: SecretAt, reader: RepositoryReader) => {
    const k = key(secret);
    (out.get(k) ?? out.set(k, { secret, readers: [] }).get(k)!).readers.push(reader);
  };
  for (const b of model.backupObjects) {
    if (b.disabled) continue;
    const secret = { namespace: b.namespace, cluster: b.cluster ?? null };
    if (b.system === 'volsync' && b.repository) {
      const mover = b.mover?.type ?? b.destination?.mover ?? null;
      // (A mover the repository does not name, a destination's of another kind: restic, VolSync's first and commonest.)
      const tool = mover === 'kopia' ? 'kopia' : 'restic';
      add({ ...secret, name: b.repository }, { object: b, role: 'mover', tool, passwordKey: PASSWORD_KEY[tool], places: volumePlaces(b) });
    } else if (b.system === 'k8up' && b.kind === 'Schedule') {
      const backend = at(rawDocOf(docs, b.source)?.value, 'spec.backend');
      const ref = obj(obj(backend).repoPasswordSecretRef);
      const name = str(ref.name);
      if (name) add({ ...secret, name }, { object: b, role: 'mover', tool: 'restic', passwordKey: str(ref.key) ?? 'password', places: backendPlaces(backend) });
    }
  }
  for (const { secret, reader } of podReaders(model, [...out.values()].flatMap((v) => v.readers))) add(secret, reader);
  for (const v of out.values()) v.readers.sort(byRole);
  byDocs.set(docs ?? NO_DOCS, out);
  return out;
}
const MEMO = new WeakMap<RepoModel, Map<readonly RawDoc[], ReadonlyMap<string, { secret: SecretAt; readers: RepositoryReader[] }>>>();
const NO_DOCS: readonly RawDoc[] = [];

/** An NFS share as a place: `nfs server:/path`, without a trailing slash (the same folder either way). */
const nfsPlace = (server: string, path: string): string => `nfs ${server}:${path.length > 1 ? path.replace(/\/+$/, '') : path}`;

/** The volumes a VolSync mover mounts (`moverVolumes`: where a filesystem repository lives). */
function volumePlaces(b: BackupObject): string[] {
  const places = arr(b.mover?.settings.moverVolumes).flatMap((v) => {
    const source = obj(obj(v).volumeSource);
    const nfs = obj(source.nfs);
    const claim = str(obj(source.persistentVolumeClaim).claimName);
    if (str(nfs.server) || str(nfs.path)) return [nfsPlace(str(nfs.server) ?? '?', str(nfs.path) ?? '/')];
    return claim ? [`claim ${claim}`] : [];
  });
  // (A destination keeps no mover settings, only the claims its movers mount.)
  return [...new Set([...places, ...(b.mover ? [] : (b.repositoryClaims ?? []).map((c) => `claim ${c}`))])];
}

/**
 * The pods that mount where a mover's repository lives and read a Secret holding that tool's password
 * key: each a reader of that Secret. A Secret is taken only where the repository names the key (a SOPS
 * or plain Secret's keys, an ExternalSecret's or a SealedSecret's declared keys); only an exact place
 * (the same share and path, the same claim of the namespace), not a parent folder of the share.
 */
function podReaders(model: RepoModel, movers: readonly RepositoryReader[]): { secret: SecretAt; reader: RepositoryReader }[] {
  // The tools whose repositories live at each place, by cluster.
  const tools = new Map<string, Set<'restic' | 'kopia'>>();
  for (const r of movers) {
    for (const k of placeKeys(r)) {
      const at = `${r.object.cluster ?? ''}\u0000${k}`;
      (tools.get(at) ?? tools.set(at, new Set()).get(at)!).add(r.tool);
    }
  }
  if (tools.size === 0) return [];
  const keys = secretKeys(model);
  const out: { secret: SecretAt; reader: RepositoryReader }[] = [];
  const consider = (o: PodReader, role: RepositoryReader['role'], namespace: string | null, places: readonly string[], secrets: Iterable<string>) => {
    const cluster = o.cluster ?? null;
    const mine = places.filter((p) => tools.has(`${cluster ?? ''}\u0000${placeKey(namespace, p)}`));
    if (mine.length === 0) return;
    const wanted = new Set(mine.flatMap((p) => [...tools.get(`${cluster ?? ''}\u0000${placeKey(namespace, p)}`)!]));
    for (const name of new Set(secrets)) {
      const held = keys.get(`${cluster ?? ''}\u0000${namespace ?? ''}\u0000${name}`);
      for (const tool of wanted) {
        if (!held?.has(PASSWORD_KEY[tool])) continue;
        const object: PodReader = { group: o.group, kind: o.kind, name: o.name, namespace, appId: o.appId, cluster, source: o.source };
        out.push({ secret: { name, namespace, cluster }, reader: { object, role, tool, passwordKey: PASSWORD_KEY[tool], places: mine } });
      }
    }
  };
  for (const o of model.objects) {
    if (o.disabled || !isWorkload(o) || !o.secretUses) continue;
    const places = [...(o.nfsShares ?? []).map((n) => nfsPlace(n.server, n.path)), ...(o.mountsClaims ?? []).map((c) => `claim ${c}`)];
    consider(o, LONG_RUNNING.has(o.kind) ? 'pods' : 'runs', o.namespace, places, o.secretUses.map((u) => u.name));
  }
  for (const h of model.helmReleases) if (!h.disabled) consider(h, 'pods', h.targetNamespace ?? h.namespace, valuesPlaces(h), valueStrings(h.values));
  return out;
}

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Key names of every Secret the repository makes, by cluster, namespace and name. */
function secretKeys(model: RepoModel): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (cluster: string | null | undefined, namespace: string | null, name: string, keys: readonly string[]) => {
    const k = `${cluster ?? ''}\u0000${namespace ?? ''}\u0000${name}`;
    const set = out.get(k) ?? out.set(k, new Set()).get(k)!;
    for (const key of keys) set.add(key);
  };
  for (const s of model.secrets) if (!s.disabled) add(s.cluster, s.namespace, s.name, s.keys);
  for (const e of model.externalSecrets) if (!e.disabled) add(e.cluster, e.namespace, e.targetName, e.keys);
  for (const s of model.sealedSecrets) if (!s.disabled) add(s.cluster, s.namespace, s.name, s.keys);
  return out;
}

/**
 * The NFS shares and claims a HelmRelease's values mount: a volume's `nfs: {server, path}` or
 * `persistentVolumeClaim: {claimName}`, app-template's `persistence` entries (`type: nfs` with
 * `server` and `path`, `existingClaim`). Bounded walk.
 */
function valuesPlaces(h: HelmRelease): string[] {
  const out = new Set<string>();
  const stack: [string, unknown][] = [['', h.values]];
  for (let guard = 0; stack.length > 0 && guard < 20_000; guard++) {
    const [key, cur] = stack.pop()!;
    if (Array.isArray(cur)) for (const v of cur) stack.push([key, v]);
    else if (isObj(cur)) {
      const server = str(cur.server);
      const path = str(cur.path);
      if (server && path && (key === 'nfs' || cur.type === 'nfs')) out.add(nfsPlace(server, path));
      const claim = str(cur.existingClaim) ?? (key === 'persistentVolumeClaim' ? str(cur.claimName) : null);
      if (claim) out.add(`claim ${claim}`);
      for (const [k, v] of Object.entries(cur)) if (v && typeof v === 'object') stack.push([k, v]);
    }
  }
  return [...out];
}

/** A k8up backend's bucket, as its Schedule writes it (locations only: safeBackend). */
function backendPlaces(backend: unknown): string[] {
  const safe = safeBackend(backend);
  return Object.entries(safe).flatMap(([kind, v]) => {
    const o = obj(v);
    const where = [str(o.endpoint), str(o.bucket) ?? str(o.path) ?? str(o.container)].filter((x) => x !== null).join('/');
    return where ? [`${kind} ${where}`] : [];
  });
}

/** Another Secret a backup tool reads as its repository, and why it goes with this one. */
export interface RepositoryPeer {
  secret: SecretAt;
  readers: RepositoryReader[];
  /** Why: the same store item or file (so the same password), the same place. */
  why: string[];
  /** It comes from the same store item or file: it gets the new value with this one. */
  sameSource: boolean;
  /** Its readers open a repository at the same place: the same repository where the path inside is the same. */
  samePlace: boolean;
  /** Its rotate runbook (a base-free site path), where the repository makes it from a SOPS file or an ExternalSecret. */
  runbook: string | null;
}

/**
 * The other repository Secrets that share this one's password or place: those `sameSource` says come
 * from the same store item or file (a component's `${APP}-volsync` ExternalSecret per app, all of one
 * 1Password item), and those whose movers mount the same volume or bucket. Sorted by namespace and name.
 */
export function repositoryPeers(
  model: RepoModel,
  docs: readonly RawDoc[] | undefined,
  self: readonly SecretAt[],
  sameSource: (s: SecretAt) => string | null,
): RepositoryPeer[] {
  const own = new Set(self.map(key));
  const places = new Set(self.flatMap((s) => repositoryReaders(model, docs, s).flatMap(placeKeys)));
  const out: RepositoryPeer[] = [];
  for (const [k, { secret, readers }] of repositorySecrets(model, docs)) {
    if (own.has(k) || !self.some((s) => (s.cluster ?? null) === (secret.cluster ?? null))) continue;
    const source = sameSource(secret);
    const shared = [...new Set(readers.flatMap((r) => r.places.filter((p) => places.has(placeKey(r.object.namespace, p)))))];
    const why = [...(source ? [source] : []), ...(shared.length > 0 ? [`${readers.every(isMover) ? 'its movers mount' : 'its readers mount'} the same ${shared.join(', ')}`] : [])];
    if (why.length > 0) out.push({ secret, readers, why, sameSource: source !== null, samePlace: shared.length > 0, runbook: rotatePathOf(model, secret) });
  }
  return out.sort((a, b) => (a.secret.namespace ?? '').localeCompare(b.secret.namespace ?? '') || a.secret.name.localeCompare(b.secret.name));
}

/** The rotate runbook of a Secret: its SOPS file's, else its ExternalSecret's; null where the repository makes it otherwise. */
function rotatePathOf(model: RepoModel, s: SecretAt): string | null {
  const here = (o: { namespace: string | null; cluster?: string | null | undefined; disabled: unknown }) => !o.disabled && o.namespace === s.namespace && (o.cluster ?? null) === (s.cluster ?? null);
  // Only a file or ExternalSecret a build applies has a rotate runbook (rotate-sops.ts, rotate-external.ts).
  const sops = new Set(model.sopsFiles.filter((f) => fileApplied(model, f)).map((f) => f.file));
  const file = model.secrets.find((x) => x.name === s.name && here(x) && sops.has(x.source.file))?.source.file;
  if (file) return rotateSopsPath(file);
  const e = model.externalSecrets.find((x) => x.targetName === s.name && here(x) && objectApplied(model, x));
  return e ? rotateExternalSecretPath(e) : null;
}
