/**
 * The backup tools that read a Secret as their repository's: VolSync ReplicationSources and
 * ReplicationDestinations (`restic.repository`, `kopia.repository`) and k8up Schedules
 * (`backend.repoPasswordSecretRef`, from the scrubbed RawDoc). The password in such a Secret is the
 * key the repository is encrypted with: restic and kopia keep it in the repository, not in Kubernetes.
 * Rotating it as an app's credential (new value in the store, restart the app) locks every mover out of
 * every existing backup (outside review). https://restic.readthedocs.io/en/stable/070_encryption.html,
 * https://kopia.io/docs/reference/command-line/common/repository-change-password/
 */
import type { RawDoc } from '../../model/raw-doc.ts';
import type { RepoModel } from '../../model/repo-model.ts';
import type { BackupObject } from '../../model/storage.ts';
import { arr, obj, str } from '../../model/values.ts';
import { at, rawDocOf, safeBackend } from './raw-docs.ts';

/** A Secret by name, where a build puts it. */
export interface SecretAt {
  name: string;
  namespace: string | null;
  cluster: string | null;
}

export interface RepositoryReader {
  /** The VolSync ReplicationSource or ReplicationDestination, or the k8up Schedule. */
  object: BackupObject;
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

/** Sources before destinations (what runs on a schedule first), then by name. */
function byRole(a: RepositoryReader, b: RepositoryReader): number {
  const rank = (r: RepositoryReader) => (r.object.kind === 'ReplicationDestination' ? 1 : 0);
  return rank(a) - rank(b) || a.object.name.localeCompare(b.object.name);
}

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
      add({ ...secret, name: b.repository }, { object: b, tool, passwordKey: tool === 'kopia' ? 'KOPIA_PASSWORD' : 'RESTIC_PASSWORD', places: volumePlaces(b) });
    } else if (b.system === 'k8up' && b.kind === 'Schedule') {
      const backend = at(rawDocOf(docs, b.source)?.value, 'spec.backend');
      const ref = obj(obj(backend).repoPasswordSecretRef);
      const name = str(ref.name);
      if (name) add({ ...secret, name }, { object: b, tool: 'restic', passwordKey: str(ref.key) ?? 'password', places: backendPlaces(backend) });
    }
  }
  for (const v of out.values()) v.readers.sort(byRole);
  byDocs.set(docs ?? NO_DOCS, out);
  return out;
}
const MEMO = new WeakMap<RepoModel, Map<readonly RawDoc[], ReadonlyMap<string, { secret: SecretAt; readers: RepositoryReader[] }>>>();
const NO_DOCS: readonly RawDoc[] = [];

/** The volumes a VolSync mover mounts (`moverVolumes`: where a filesystem repository lives). */
function volumePlaces(b: BackupObject): string[] {
  const places = arr(b.mover?.settings.moverVolumes).flatMap((v) => {
    const source = obj(obj(v).volumeSource);
    const nfs = obj(source.nfs);
    const claim = str(obj(source.persistentVolumeClaim).claimName);
    if (str(nfs.server) || str(nfs.path)) return [`nfs ${str(nfs.server) ?? '?'}:${str(nfs.path) ?? '/'}`];
    return claim ? [`claim ${claim}`] : [];
  });
  // (A destination keeps no mover settings, only the claims its movers mount.)
  return [...new Set([...places, ...(b.mover ? [] : (b.repositoryClaims ?? []).map((c) => `claim ${c}`))])];
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
  const places = new Set(self.flatMap((s) => repositoryReaders(model, docs, s).flatMap((r) => r.places)));
  const out: RepositoryPeer[] = [];
  for (const [k, { secret, readers }] of repositorySecrets(model, docs)) {
    if (own.has(k) || !self.some((s) => (s.cluster ?? null) === (secret.cluster ?? null))) continue;
    const source = sameSource(secret);
    const shared = [...new Set(readers.flatMap((r) => r.places))].filter((p) => places.has(p));
    const why = [...(source ? [source] : []), ...(shared.length > 0 ? [`its movers mount the same ${shared.join(', ')}`] : [])];
    if (why.length > 0) out.push({ secret, readers, why });
  }
  return out.sort((a, b) => (a.secret.namespace ?? '').localeCompare(b.secret.namespace ?? '') || a.secret.name.localeCompare(b.secret.name));
}
