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

/**
 * A HelmRelease of `chart` (default: its name) from a HelmRepository in flux-system; `values` are YAML
 * lines indented by four spaces (`'    ingress:\n      enabled: true\n'`). Without `namespace` it has
 * none (the Kustomization's targetNamespace gives it one).
 */
export function helmRelease(o: { name: string; namespace?: string; chart?: string; version?: string; source?: string; values?: string }): string {
  const ns = o.namespace ? `  namespace: ${o.namespace}\n` : '';
  return `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${o.name}\n${ns}spec:\n  interval: 1h\n  chart:\n    spec:\n      chart: ${o.chart ?? o.name}\n      version: ${o.version ?? '1.0.0'}\n      sourceRef:\n        kind: HelmRepository\n        name: ${o.source ?? 'charts'}\n        namespace: flux-system\n${o.values !== undefined ? `  values:\n${o.values}` : ''}`;
}

/** A HelmRepository in flux-system (`type: oci` for an `oci://` URL). */
export function helmRepository(name: string, url: string): string {
  return `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n${url.startsWith('oci://') ? '  type: oci\n' : ''}  url: ${url}\n`;
}

/** The bootstrap Kustomization of a cluster (`clusters/<cluster>/flux-system/gotk-sync.yaml`), which makes the cluster's folder a root. */
export function bootstrap(r: { put: (rel: string, text: string) => void }, cluster = 'prod'): void {
  r.put(`clusters/${cluster}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${cluster}`));
}
