import type { KustomizeTree } from './kustomize-tree.ts';

const REMOTE = /^(https?:\/\/|git@|github\.com\/|ssh:\/\/|oci:\/\/)/;

/** One file of a build, with the namespace kustomize gives it on this path through the tree. */
export interface Placement {
  file: string;
  namespace: string | null;
}

/**
 * The files a Flux Kustomization's path builds, each once per namespace it is built into. Unlike
 * KustomizeTree.expand (one namespace per file), a folder reached through several
 * kustomization.yaml files with different `namespace:` fields is built once under each: a
 * `components/common` included by every namespace folder makes its ConfigMap, Secret and Namespace
 * in every one of those namespaces, as kustomize does. The outermost `namespace:` wins.
 */
export function expandPlacements(tree: KustomizeTree, target: string, namespace: string | null): Placement[] {
  const out: Placement[] = [];
  const seen = new Set<string>();
  const add = (file: string, ns: string | null) => {
    const key = `${file}\u0000${ns ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file, namespace: ns });
  };
  const visited = new Set<string>();
  const walk = (path: string, ns: string | null, depth: number) => {
    if (depth > 64) return;
    if (tree.hasFile(path)) {
      add(path, ns);
      return;
    }
    const k = tree.byDir.get(path);
    if (k) {
      const inner = ns ?? k.namespace;
      const key = `${k.file}\u0000${inner ?? ''}`;
      if (visited.has(key)) return;
      visited.add(key);
      add(k.file, inner);
      for (const { entry, line } of [...k.resources, ...k.components]) {
        if (REMOTE.test(entry)) continue;
        const resolved = tree.entryPath(k.dir, entry);
        if (resolved === null) {
          tree.reportOnce(k.file, line, 'KUSTOMIZE_PATH_OUTSIDE_REPO', 'error', `Entry "${entry}" points outside the repository; it was not followed.`);
          continue;
        }
        if (!tree.hasFile(resolved) && !tree.hasDir(resolved)) {
          if (!tree.isThere(resolved)) tree.reportOnce(k.file, line, 'KUSTOMIZE_RESOURCE_MISSING', 'warning', `Entry "${entry}" names ${resolved}, which is not in the repository (kustomize build would fail).`);
          continue;
        }
        walk(resolved, inner, depth + 1);
      }
      return;
    }
    // A folder without kustomization.yaml: Flux generates one with every manifest below it.
    const key = `dir:${path}\u0000${ns ?? ''}`;
    if (visited.has(key)) return;
    visited.add(key);
    for (const f of tree.filesIn(path)) add(f, ns);
    for (const sub of tree.subdirsOf(path)) walk(sub, ns, depth + 1);
  };
  walk(target, namespace, 0);
  return out;
}
