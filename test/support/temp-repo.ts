import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A repository written file by file into a temporary folder, for tests that scan what they write:
 * `put` creates a file with its folders, `remove` deletes the whole folder (call it in afterAll).
 */
export function tempRepo(name: string) {
  const root = mkdtempSync(join(tmpdir(), `atlas-${name}-`));
  const put = (rel: string, text: string): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  return { root, put, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A maker of temp repositories, one per test, all removed when the file's tests end: pass vitest's
 * `afterAll` (`const repo = tempRepos(afterAll)` inside a describe, then `repo('name')` per test).
 */
export function tempRepos(afterAll: (fn: () => void) => void): (name: string) => ReturnType<typeof tempRepo> {
  const made: ReturnType<typeof tempRepo>[] = [];
  afterAll(() => made.forEach((r) => r.remove()));
  return (name) => {
    const r = tempRepo(name);
    made.push(r);
    return r;
  };
}

/**
 * A Flux Kustomization in flux-system that builds `path` from the flux-system GitRepository; `spec`
 * is more of its spec, as YAML lines indented by two spaces (`'  targetNamespace: media\n'`).
 */
export function fluxKustomization(name: string, path: string, spec = ''): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${spec}`;
}
