import type { GeneratorUse } from '../../model/secrets.ts';
import type { KustomizeFile } from '../../model/kustomize-file.ts';
import { resolveIn } from './paths.ts';

/**
 * A generator's `files:` entry (`key=path` or `path`, as kustomize splits it: at the first `=`, no
 * spaces trimmed): the data key and the path as written.
 */
export function generatorEntry(entry: string): { key: string; rel: string } {
  const eq = entry.indexOf('=');
  const rel = eq > 0 ? entry.slice(eq + 1) : entry;
  return { key: eq > 0 ? entry.slice(0, eq) : rel.slice(rel.lastIndexOf('/') + 1), rel };
}

/**
 * The same entry as a repository path, relative to the kustomization's folder; null for a URL
 * (kustomize fetches it) or a path that leaves the repository.
 */
export function generatorFile(dir: string, entry: string): { key: string; path: string } | null {
  const { key, rel } = generatorEntry(entry);
  if (!rel || /^[a-z][a-z0-9+.-]*:\/\//i.test(rel)) return null;
  const path = resolveIn(dir, rel);
  return path === null ? null : { key, path };
}

/** A generator's `envs:` entry (a dotenv file) as a repository path; null for a URL or a path out of the repository. */
export function generatorEnvFile(dir: string, entry: string): string | null {
  return !entry || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? null : resolveIn(dir, entry);
}

/**
 * The files that kustomize's configMapGenerator and secretGenerator read (`files:` entries,
 * `key=path` or `path`, relative to the kustomization's folder), by repository path: which object
 * each one becomes, under which key, and the line of the entry. The build (kustomize-generators.ts)
 * makes the objects and never reads these files; this says, for a file the scan did read (a
 * SOPS-encrypted values file, say), what the cluster gets from it; for an `envs:` dotenv file (a
 * SOPS-encrypted `.env`, which repo/generator-inputs.ts reads for its keys), every line is a key. A path that leaves the repository is
 * left out (the build reports it). No namespace is given: the kustomization's `namespace`, an outer
 * one and Flux's `targetNamespace` each override the generator's own, so the object's name and the
 * app that deploys it are what is known for certain from this file alone. `deployed` says whether a
 * Flux build from a cluster root runs the kustomization file (one commented out of its parent's
 * resources makes nothing).
 */
export function generatorUses(kustomizeFiles: readonly KustomizeFile[], deployed: (k: KustomizeFile) => boolean): Map<string, GeneratorUse[]> {
  const out = new Map<string, GeneratorUse[]>();
  for (const k of kustomizeFiles) {
    for (const [kind, list] of [['ConfigMap', k.configMapGenerators], ['Secret', k.secretGenerators]] as const) {
      for (const g of list) {
        for (const read of g.reads) {
          const use: GeneratorUse = { kind, name: g.name, key: read.key, source: { file: k.file, line: read.line, col: 1 }, deployed: deployed(k) };
          (out.get(read.path) ?? out.set(read.path, []).get(read.path)!).push(use);
        }
        for (const read of g.envReads) {
          const use: GeneratorUse = { kind, name: g.name, key: '', source: { file: k.file, line: read.line, col: 1 }, deployed: deployed(k), env: true };
          (out.get(read.path) ?? out.set(read.path, []).get(read.path)!).push(use);
        }
      }
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line);
  return out;
}
