/**
 * kustomize decodes a kustomization.yaml through JSON into its Go type: a YAML number where a string
 * belongs (`newTag: 1.10`, the tag 1.1 to YAML) stops the build, and so does a string where a number
 * belongs (`count: "3"`). Outside review: an overlay's `newTag: 1.10` showed the app deployed with the
 * image tagged 1.1, while kubectl kustomize refuses the folder ("cannot unmarshal number into Go struct
 * field Image.images.newTag of type string"). At a Flux Kustomization's own path Flux's generator reads
 * the file first and turns numbers into the strings a string field wants, so there only the tag changes.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0\n';

describe('a kustomization.yaml field of the wrong YAML type', () => {
  const repo = tempRepos(afterAll);

  /** A Flux Kustomization of apps/web/overlay (its own path) over apps/web/base, which kustomize reads as written. */
  const scan = async (name: string, files: { base?: string; overlay?: string }) => {
    const r = repo(name);
    bootstrap(r, 'home');
    r.put('clusters/home/web.yaml', fluxKustomization('web', './apps/web/overlay', '  targetNamespace: web\n'));
    r.put('apps/web/base/kustomization.yaml', `resources:\n  - deployment.yaml\n${files.base ?? ''}`);
    r.put('apps/web/base/deployment.yaml', deployment);
    r.put('apps/web/overlay/kustomization.yaml', `resources:\n  - ../base\n${files.overlay ?? ''}`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const codes = model.findings.filter((f) => f.severity !== 'info').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    const app = model.apps.find((a) => a.dir.startsWith('apps/web'));
    const image = model.objects.find((o) => o.kind === 'Deployment' && o.name === 'web')?.images?.[0];
    return { r, model, codes, app, image };
  };

  it('an unquoted newTag in a folder kustomize reads as written: the build fails at the entry, the app is not deployed', async () => {
    const { r, model, codes, app } = await scan('field-type-tag', { base: 'images:\n  - name: ghcr.io/example/web\n    newTag: 1.10\n' });
    expect(codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/base/kustomization.yaml:5']);
    expect(model.findings.find((f) => f.code === 'KUSTOMIZE_FIELD_INVALID')!.message).toMatch(/images\[0\]\.newTag is a number \(read as 1\.1\), where kustomize reads a string/);
    expect(app?.notDeployed).toMatch(/cannot be built/);
    const oracle = kubectlKustomize(join(r.root, 'apps/web/overlay'));
    if (oracle !== 'absent') expect(oracle).toBe('failed');
    // Quoted, it is the tag as written, and kustomize builds it.
    const quoted = await scan('field-type-tag-quoted', { base: 'images:\n  - name: ghcr.io/example/web\n    newTag: "1.10"\n' });
    expect(quoted.codes).toEqual([]);
    expect(quoted.image?.tag).toBe('1.10');
    const built = kubectlKustomize(join(quoted.r.root, 'apps/web/overlay'));
    if (built !== 'absent') expect(built).not.toBe('failed');
  });

  it('the other typed fields the build reads fail the same way, each as kubectl says', async () => {
    const cases: [string, string, number][] = [
      ['namespace', 'namespace: 2024\n', 3],
      ['prefix', 'namePrefix: 2\n', 3],
      ['labels', 'commonLabels:\n  version: 1.0\n', 4],
      ['annotations', 'commonAnnotations:\n  backup: true\n', 4],
      ['count', 'replicas:\n  - name: web\n    count: "3"\n', 5],
      ['selectors', 'labels:\n  - pairs: {app: web}\n    includeSelectors: "true"\n', 5],
      ['hash', 'configMapGenerator:\n  - name: web-config\n    literals: [A=b]\n    options:\n      disableNameSuffixHash: "true"\n', 7],
    ];
    for (const [name, field, line] of cases) {
      const { r, codes, app } = await scan(`field-type-${name}`, { base: field });
      expect(codes, name).toEqual([`KUSTOMIZE_FIELD_INVALID apps/web/base/kustomization.yaml:${line}`]);
      expect(app?.notDeployed, name).toMatch(/cannot be built/);
      const oracle = kubectlKustomize(join(r.root, 'apps/web/base'));
      if (oracle !== 'absent') expect(oracle, name).toBe('failed');
    }
    // A whole number is a count, and `null` is no value at all: kustomize builds both.
    const fine = await scan('field-type-fine', { base: 'replicas:\n  - name: web\n    count: 3\nimages:\n  - name: ghcr.io/example/web\n    newTag:\n' });
    expect(fine.codes).toEqual([]);
    const built = kubectlKustomize(join(fine.r.root, 'apps/web/base'));
    if (built !== 'absent') expect(built).not.toBe('failed');
  });

  it("at the Flux Kustomization's own path a number is made the string it reads as, but a string count still stops the build", async () => {
    // Flux's generator decodes this file with sigs.k8s.io/yaml (numbers into string fields become
    // strings) and writes it back before kustomize reads it: the tag is "1.1".
    const own = await scan('field-type-own-path', { overlay: 'images:\n  - name: ghcr.io/example/web\n    newTag: 1.10\n' });
    expect(own.codes).toEqual([]);
    expect(own.image?.tag).toBe('1.1');
    expect(own.app?.notDeployed ?? null).toBeNull();
    // Into a number field it converts nothing: Flux's build fails as kustomize's would.
    const count = await scan('field-type-own-count', { overlay: 'replicas:\n  - name: web\n    count: "3"\n' });
    expect(count.codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/overlay/kustomization.yaml:5']);
    expect(count.app?.notDeployed).toMatch(/cannot be built/);
  });

  it('never repeats a generator literal written as a number (it may be a credential)', async () => {
    const { codes, model } = await scan('field-type-literal', { base: 'secretGenerator:\n  - name: web-auth\n    literals:\n      - 8675309\n' });
    expect(codes).toEqual(['KUSTOMIZE_FIELD_INVALID apps/web/base/kustomization.yaml:6']);
    expect(JSON.stringify(model.findings)).not.toContain('8675309');
  });
});
