/**
 * A Component's patch without a target (a strategic-merge patch, or `$patch: delete`) added through a
 * Flux Kustomization's spec.components. The kustomize-controller appends spec.components to the
 * kustomization.yaml at the path, so the component is built inside that build, after its resources,
 * and its patch matches the objects that build gathered. Atlas judged the component's build on its
 * own, where such a patch finds nothing: a false PATCH_NO_TARGET error, and every app of the
 * Kustomization "not deployed" (outside review). The oracle is kubectl kustomize of the path with the
 * component written into its list, as Flux writes it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;
const imagePatch = (name: string) =>
  `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: ${name}\n      spec:\n        template:\n          spec:\n            containers:\n              - name: ${name}\n                image: ghcr.io/example/${name}:2.0.0\n`;
const dropConfigMap = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - patch: |\n      $patch: delete\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: dropme\n';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dropme\ndata:\n  a: "1"\n';

/** What the oracle builds of `dir`: `Kind name image` per object, sorted; null where kustomize refuses it; undefined without kubectl. */
function oracle(dir: string): string[] | null | undefined {
  const built = kubectlKustomize(dir);
  if (built === 'absent') return undefined;
  if (built === 'failed') return null;
  return parseAllDocuments(built.output)
    .map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: { template?: { spec?: { containers?: { image: string }[] } } } })
    .map((o) => `${o.kind} ${o.metadata.name} ${o.spec?.template?.spec?.containers?.[0]?.image ?? ''}`.trim())
    .sort();
}

describe('a Flux spec.components Component whose patch has no target', () => {
  const repo = tempRepos(afterAll);

  /** An app at apps/web built by Flux with the component, and the same folder with it in its list (the oracle's). */
  const write = (name: string, files: Record<string, string>, component: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  components:\n    - ../../components/patch\n'));
    r.put('components/patch/kustomization.yaml', component);
    for (const [file, text] of Object.entries(files)) {
      r.put(`apps/web/${file}`, text);
      r.put(`oracle/web/${file}`, file === 'kustomization.yaml' ? `${text}components:\n  - ../../components/patch\n` : text);
    }
    return r;
  };
  const stops = (findings: readonly { code: string; severity: string; source: { file: string } }[]) =>
    findings.filter((f) => f.severity === 'error' || f.code === 'NOT_DEPLOYED' || f.code === 'PATCH_NO_TARGET').map((f) => `${f.code} ${f.source.file}`);

  it('patches the object the path’s build gathered, and the build goes on', async () => {
    const r = write('flux-component-smp', { 'kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'deployment.yaml': deployment('fc') }, imagePatch('fc'));
    const built = oracle(join(r.root, 'oracle/web'));
    if (built !== undefined) expect(built).toEqual(['Deployment fc ghcr.io/example/fc:2.0.0']);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(stops(model.findings)).toEqual([]);
    expect(model.apps.filter((a) => a.name === 'web').map((a) => a.notDeployed ?? null)).toEqual([null]);
    const fc = model.objects.find((o) => o.kind === 'Deployment' && o.name === 'fc')!;
    expect(fc.images?.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ghcr.io/example/fc:2.0.0']);
  });

  it('deletes the object of the path’s build a `$patch: delete` names, and the build goes on', async () => {
    const r = write('flux-component-delete', { 'kustomization.yaml': 'resources:\n  - deployment.yaml\n  - extra.yaml\n', 'deployment.yaml': deployment('ff'), 'extra.yaml': configMap }, dropConfigMap);
    const built = oracle(join(r.root, 'oracle/web'));
    if (built !== undefined) expect(built).toEqual(['Deployment ff ghcr.io/example/ff:1.0.0']);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(stops(model.findings)).toEqual([]);
    expect(model.objects.filter((o) => o.namespace === 'web').map((o) => `${o.kind} ${o.name}`)).toEqual(['Deployment ff']);
  });

  it('lets a patch of the path’s own kustomization.yaml find an object the component adds', async () => {
    const r = write(
      'flux-component-adds',
      { 'kustomization.yaml': 'resources:\n  - deployment.yaml\npatches:\n  - patch: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: dropme\n      data:\n        a: "2"\n', 'deployment.yaml': deployment('fc') },
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - extra.yaml\n',
    );
    r.put('components/patch/extra.yaml', configMap);
    const built = oracle(join(r.root, 'oracle/web'));
    if (built !== undefined) expect(built).toEqual(['ConfigMap dropme', 'Deployment fc ghcr.io/example/fc:1.0.0']);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(stops(model.findings)).toEqual([]);
  });

  it('still stops the build where the patch matches nothing the build gathered', async () => {
    const r = write('flux-component-smp-none', { 'kustomization.yaml': 'resources:\n  - deployment.yaml\n', 'deployment.yaml': deployment('other') }, imagePatch('fc'));
    const built = oracle(join(r.root, 'oracle/web'));
    if (built !== undefined) expect(built).toBeNull();
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(stops(model.findings)).toEqual(['NOT_DEPLOYED clusters/prod/web.yaml', 'PATCH_NO_TARGET components/patch/kustomization.yaml']);
    expect(model.findings.find((f) => f.code === 'PATCH_NO_TARGET')!.message).toMatch(/^Kustomization flux-system\/web cannot be built: patches: no object matches the patch's Deployment fc/);
  });
});
