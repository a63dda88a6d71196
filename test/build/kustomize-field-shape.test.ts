/**
 * kustomize decodes a kustomization.yaml into its Go type (and Flux's generator does the same for a
 * Kustomization's own path): an entry of the wrong shape stops the build. The common one, from an
 * outside review: a patch file's name written under `patches:` as under patchesStrategicMerge, which
 * was a "patch skipped" warning while the app was shown deployed with the overlay's image. kubectl
 * kustomize is the oracle: it refuses the folder, and the same folder with `- path: file` builds.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n';

describe('an entry of the wrong shape in a kustomization.yaml', () => {
  const repo = tempRepos(afterAll);

  const scan = async (overlay: string) => {
    const r = repo('field-shape');
    bootstrap(r, 'home');
    r.put('clusters/home/web.yaml', fluxKustomization('web', './apps/web/overlay', '  targetNamespace: web\n'));
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/web/base/deployment.yaml', deployment);
    r.put('apps/web/overlay/kustomization.yaml', overlay);
    r.put('apps/web/overlay/replicas.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const codes = model.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    return { r, model, codes };
  };

  it('a string under patches: the build fails (an error at the entry), the app is not deployed', async () => {
    const { r, model, codes } = await scan('resources:\n  - ../base\nimages:\n  - name: nginx\n    newTag: "1.27"\npatches:\n  - replicas.yaml\n');
    expect(codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/overlay/kustomization.yaml:7']);
    expect(model.apps.find((a) => a.dir.startsWith('apps/web'))?.notDeployed).toMatch(/cannot be built/);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
    if (oracle !== 'absent') expect(oracle).toBe('failed');
  });

  it('a resources entry that is only a comment (null): the build fails at the entry, as kubectl says', async () => {
    const { r, model, codes } = await scan('resources:\n  - # ../old\n  - ../base\n');
    expect(codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/overlay/kustomization.yaml:2']);
    expect(model.apps.find((a) => a.dir.startsWith('apps/web'))?.notDeployed).toMatch(/cannot be built/);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
    if (oracle !== 'absent') expect(oracle).toBe('failed');
    // The whole line commented out, dash included, is nothing.
    const fine = await scan('resources:\n  # - ../old\n  - ../base\n');
    expect(fine.codes).toEqual([]);
    const built = kubectlKustomize(join(fine.r.root, 'apps/web/overlay'));
    if (built !== 'absent') expect(built).not.toBe('failed');
  });

  it('a list field written as a mapping or a string (`labels: {app: x}`, `resources: deployment.yaml`): the build fails, as kubectl says', async () => {
    for (const [overlay, line] of [['resources:\n  - ../base\nlabels:\n  app.kubernetes.io/managed-by: flux\n', 3], ['resources: ../base\n', 1]] as const) {
      const { r, model, codes } = await scan(overlay);
      expect(codes).toEqual([`KUSTOMIZE_FIELD_INVALID apps/web/overlay/kustomization.yaml:${line}`]);
      expect(model.apps.find((a) => a.dir.startsWith('apps/web'))?.notDeployed).toMatch(/cannot be built/);
      const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
      if (oracle !== 'absent') expect(oracle).toBe('failed');
    }
    // commonLabels takes the mapping.
    const fine = await scan('resources:\n  - ../base\ncommonLabels:\n  app.kubernetes.io/managed-by: flux\n');
    expect(fine.codes).toEqual([]);
  });

  it('a README.md listed under resources: the build fails, as kubectl says ("missing Resource metadata")', async () => {
    const r = repo('field-shape-readme');
    bootstrap(r, 'home');
    r.put('clusters/home/web.yaml', fluxKustomization('web', './apps/web/base'));
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - README.md\n');
    r.put('apps/web/base/deployment.yaml', deployment);
    r.put('apps/web/base/README.md', '# web\n\nThe web app.\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/base/kustomization.yaml:3']);
    expect(model.apps.find((a) => a.dir.startsWith('apps/web'))?.notDeployed).toMatch(/cannot be built/);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/base'));
    if (oracle !== 'absent') expect(oracle).toBe('failed');
    // One of headings and blank lines alone reads as YAML comments: kustomize builds it (code review).
    const h = repo('field-shape-readme-headings');
    bootstrap(h, 'home');
    h.put('clusters/home/web.yaml', fluxKustomization('web', './apps/web/base', '  targetNamespace: web\n'));
    h.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - README.md\n');
    h.put('apps/web/base/deployment.yaml', deployment);
    h.put('apps/web/base/README.md', '# web\n\n---\n\n## Notes\n');
    const headings = await scanRepo(h.root, parseConfig({}));
    expect(headings.model.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const built = kubectlKustomize(join(h.root, 'apps/web/base'));
    if (built !== 'absent') expect(built).not.toBe('failed');
  });

  it('names the file to write, but never echoes an inline patch (it may hold a Secret\'s value)', async () => {
    const file = await scan('resources:\n  - ../base\npatches:\n  - replicas.yaml\n');
    expect(file.model.findings.find((f) => f.code === 'KUSTOMIZE_FIELD_INVALID')!.message).toContain('Write `- path: replicas.yaml`');
    const inline = await scan('resources:\n  - ../base\npatches:\n  - \'{"apiVersion":"v1","kind":"Secret","metadata":{"name":"web"},"stringData":{"token":"hunter2-do-not-print"}}\'\n');
    const found = inline.model.findings.filter((f) => f.code === 'KUSTOMIZE_FIELD_INVALID');
    expect(found).toHaveLength(1);
    expect(JSON.stringify(inline.model)).not.toContain('hunter2-do-not-print');
  });

  it('written as `- path: file` it builds, with no finding', async () => {
    const { r, codes } = await scan('resources:\n  - ../base\npatches:\n  - path: replicas.yaml\n');
    expect(codes).toEqual([]);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
    if (oracle !== 'absent') expect(oracle).not.toBe('failed');
  });

  it('in a folder no Flux build reads, a warning says the same (once per entry), and a Flux build does not repeat it', async () => {
    const r = repo('field-shape-static');
    bootstrap(r, 'home');
    r.put('lib/branding/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - |\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const said = model.findings.filter((f) => f.source.file === 'lib/branding/kustomization.yaml').map((f) => `${f.code} ${f.severity} ${/is a string/.test(f.message)}`);
    expect(said).toEqual(['PATCH_NOT_APPLIED warning true']);
    const flux = await scan('resources:\n  - ../base\npatches:\n  - replicas.yaml\n');
    expect(flux.model.findings.filter((f) => f.code === 'PATCH_NOT_APPLIED')).toEqual([]);
  });

  it('a mapping under resources fails the same way', async () => {
    const { r, codes } = await scan('resources:\n  - path: ../base\n');
    expect(codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/overlay/kustomization.yaml:2']);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
    if (oracle !== 'absent') expect(oracle).toBe('failed');
  });
});
