import { parseAllDocuments } from 'yaml';
import type { PastApp, RawCommit } from '../model/changelog-entry.ts';
import { readBlobs } from './git-batch.ts';

/**
 * The app folders of the changelog's window that HEAD may no longer have: every Flux Kustomization
 * file (`ks.yaml`, `ks.dis` ...) a commit deleted or moved away, read as it was just before that
 * commit (the newest such commit per folder). The commits' own file lists say where they are, so this
 * is one `git cat-file` for a handful of files, not a walk of every commit's tree. Which of them HEAD
 * still has is decided later, against the scanned model (src/analysis/changelog/past-apps.ts).
 */
export async function readPastApps(repoDir: string, commits: readonly RawCommit[], gitBinary = 'git'): Promise<PastApp[]> {
  const gone = new Map<string, { sha: string; file: string }>();
  // Newest first: the first deletion met per folder is the newest.
  for (const commit of commits) {
    for (const change of commit.files) {
      const old = change.status === 'D' ? change.path : change.status === 'R' ? change.oldPath : undefined;
      if (old === undefined || !KS_FILE.test(old)) continue;
      const dir = old.slice(0, Math.max(0, old.lastIndexOf('/')));
      if (!gone.has(dir)) gone.set(dir, { sha: commit.sha, file: old });
    }
  }
  if (gone.size === 0) return [];
  const entries = [...gone].filter(([, g]) => !/[\n\r]/.test(g.file));
  // `<sha>^:./<path>`: the file in the deleting commit's first parent, the path relative to the
  // folder git runs in (a repository in a sub-folder of a larger work tree), as `--relative` printed it.
  const texts = await readBlobs(repoDir, entries.map(([, g]) => `${g.sha}^:./${g.file}`), gitBinary);
  return entries
    .map(([dir, g], i) => ({ dir, file: g.file, ...kustomizationName(texts[i] ?? null) }))
    .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** The per-app Flux Kustomization files the changelog's ks events read (attribute.ts), enabled or not. */
const KS_FILE = /(?:^|\/)ks\.(?:ya?ml|dis|bak)$/;

/** The name and namespace of the first Flux Kustomization in a file's text; nulls where there is none. */
function kustomizationName(text: string | null): Pick<PastApp, 'name' | 'namespace'> {
  const none = { name: null, namespace: null };
  if (text === null || text.length > 1_000_000) return none;
  try {
    for (const doc of parseAllDocuments(text)) {
      if (!('contents' in doc)) continue;
      const js: unknown = doc.toJS({ maxAliasCount: 100 });
      if (!isObject(js) || js.kind !== 'Kustomization' || typeof js.apiVersion !== 'string' || !js.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) continue;
      const meta = isObject(js.metadata) ? js.metadata : {};
      const spec = isObject(js.spec) ? js.spec : {};
      const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
      return { name: str(meta.name), namespace: str(spec.targetNamespace) ?? str(meta.namespace) };
    }
  } catch {
    // A file YAML cannot read names nothing: its folder still does.
  }
  return none;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
