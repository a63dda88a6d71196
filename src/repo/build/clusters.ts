import type { WorkDoc } from './work-doc.ts';

/**
 * Folder names under `kubernetes/` that are parts of one cluster's layout, never a cluster's name
 * (`kubernetes/flux/cluster/ks.yaml` is the root of the only cluster, not a cluster called "flux").
 */
const LAYOUT_FOLDERS = new Set([
  'flux', 'flux-system', 'apps', 'app', 'base', 'overlays', 'components', 'bootstrap', 'infrastructure', 'infra', 'core',
  'config', 'configs', 'crds', 'platform', 'system', 'shared', 'common', 'templates', 'repositories', 'vars', 'settings',
  'tenants', 'clusters', 'cluster', 'manifests', 'deploy',
]);

/**
 * The cluster a root Kustomization belongs to, from where its file lives: `clusters/<name>/` (or `cluster/<name>/`)
 * (Flux's own layouts, `kubernetes/clusters/<name>/`), or `kubernetes/<name>/` where a repository
 * keeps one tree per cluster (`kubernetes/main/`, `kubernetes/storage/`). Null when the path names
 * no cluster.
 */
function clusterOfFile(file: string): string | null {
  const m = /(?:^|\/)clusters\/([^/]+)\//.exec(file);
  if (m) return m[1]!;
  // `cluster/<name>/` too (a fleet that bootstraps `--path=./cluster/staging`), not a layout folder
  // in it (`kubernetes/flux/cluster/apps/` of one cluster).
  const one = /(?:^|\/)cluster\/([^/]+)\//.exec(file);
  if (one && !LAYOUT_FOLDERS.has(one[1]!)) return one[1]!;
  const k = /^kubernetes\/([^/]+)\//.exec(file);
  if (k && !LAYOUT_FOLDERS.has(k[1]!)) return k[1]!;
  return null;
}

/**
 * Cluster folders below `clusters/` that a bootstrap Kustomization applies (its own path holds its
 * file: `clusters/staging/eu/flux-system/gotk-sync.yaml` of `./clusters/staging/eu`), named by the
 * folders below `clusters/` (`staging-eu`): a fleet with a folder per environment and region is one
 * cluster per region folder, not one per environment.
 */
function bootstrapFolders(roots: readonly WorkDoc[], ownPath: (k: WorkDoc) => string | null): Map<string, string> {
  const out = new Map<string, string>();
  // Bootstraps of folders not below `clusters/` (`env/production`, `fleet/eu-1`): named only where
  // there are two or more, by what their paths do not share (`production`), since each is the sync of
  // the cluster `flux bootstrap --path` was run for (outside review: one root per `env/<name>/`).
  const others: string[] = [];
  for (const r of roots) {
    const path = ownPath(r);
    if (path === null || !(r.file.startsWith(`${path}/`) || path === '')) continue;
    const m = /(?:^|\/)clusters\/(.+)$/.exec(path) ?? /(?:^|\/)cluster\/(.+)$/.exec(path);
    if (!m) {
      if (path !== '') others.push(path);
      continue;
    }
    if (LAYOUT_FOLDERS.has(m[1]!.split('/')[0]!)) continue;
    // A bootstrap of a layout folder in the cluster's folder (`clusters/prod/flux`) is that cluster's.
    const names = m[1]!.split('/');
    while (names.length > 1 && LAYOUT_FOLDERS.has(names[names.length - 1]!)) names.pop();
    out.set(path, names.join('-'));
  }
  // Roots in folders beside such a bootstrap's (`env/production/` beside `env/development` that
  // `flux-system` syncs, the other clusters bootstrapped by a script with `--path`): no build of that
  // cluster applies them, so they are those other clusters' roots.
  for (const path of [...others]) {
    const slash = path.lastIndexOf('/');
    if (slash < 0 || LAYOUT_FOLDERS.has(path.slice(slash + 1))) continue;
    const parent = path.slice(0, slash + 1);
    for (const r of roots) {
      if (!r.file.startsWith(parent) || r.file.startsWith(`${path}/`)) continue;
      const rest = r.file.slice(parent.length).split('/');
      if (rest.length > 1 && !LAYOUT_FOLDERS.has(rest[0]!)) others.push(parent + rest[0]!);
    }
  }
  const distinct = [...new Set(others)].filter((p, _, all) => !all.some((q) => q !== p && (p.startsWith(`${q}/`) || q.startsWith(`${p}/`))));
  if (distinct.length >= 2) {
    const split = distinct.map((p) => p.split('/'));
    let common = 0;
    while (split.every((parts) => parts.length > common + 1 && parts[common] === split[0]![common])) common++;
    const named = distinct.map((p, i) => {
      const names = split[i]!.slice(common);
      while (names.length > 1 && LAYOUT_FOLDERS.has(names[names.length - 1]!)) names.pop();
      return [p, names.join('-')] as const;
    });
    if (new Set(named.map(([, n]) => n)).size === named.length) for (const [p, n] of named) out.set(p, n);
  }
  return out;
}

/**
 * Group root Kustomizations by cluster. A repository is multi-cluster when its roots name two or
 * more clusters; then each cluster is built on its own (shared base folders once per cluster, each
 * with its own variables). With one cluster or none, everything is one build and no id carries a
 * cluster name. A root inside a folder a bootstrap applies (bootstrapFolders) is of that cluster;
 * others are named by where their file lives (clusterOfFile).
 */
export function clusterRuns(roots: readonly WorkDoc[], ownPath: (k: WorkDoc) => string | null = () => null): { cluster: string | null; roots: WorkDoc[] }[] {
  const folders = [...bootstrapFolders(roots, ownPath)].sort(([a], [b]) => b.length - a.length);
  const named = new Map<string | null, WorkDoc[]>();
  for (const r of roots) {
    const c = folders.find(([path]) => r.file.startsWith(`${path}/`))?.[1] ?? clusterOfFile(r.file);
    (named.get(c) ?? named.set(c, []).get(c)!).push(r);
  }
  const names = [...named.keys()].filter((c): c is string => c !== null).sort();
  if (names.length < 2) return [{ cluster: null, roots: [...roots] }];
  const runs: { cluster: string | null; roots: WorkDoc[] }[] = names.map((c) => ({ cluster: c, roots: named.get(c)! }));
  const shared = named.get(null);
  if (shared?.length) runs.push({ cluster: null, roots: shared });
  return runs;
}
