import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * An image an overlay's `images:` entry (or a Flux Kustomization's spec.images) writes is cited at that
 * entry, not at the base's `image:` line, which says another tag: the page's link and IMAGE_TAG_LATEST
 * led the owner to `ghcr.io/acme/web:set-by-ci` in the base while the overlay pins what the cluster runs.
 */
describe('where an image an overlay sets (images:, a patch) is cited', () => {
  const repo = tempRepos(afterAll);
  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n        - name: sidecar\n          image: ghcr.io/acme/sidecar:2.0.0\n`;
  const cited = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const web = model.objects.find((o) => o.kind === 'Deployment' && o.name === 'web');
    const latest = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => `${f.source.file}:${f.source.line}`);
    return { images: (web?.images ?? []).map((i) => `${i.repository}:${i.tag} ${i.source.file}:${i.source.line}`), latest };
  };

  it("an overlay's kustomize images: entry, through a base folder", async () => {
    const r = repo('image-set-at-overlay');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/base/deploy.yaml', deployment('ghcr.io/acme/web:set-by-ci'));
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/other\n    newTag: 9.9.9\n  - name: ghcr.io/acme/web\n    newTag: latest\n');
    // Line 6 is the second entry's `- name:`; the sidecar no entry names stays at its own line (13).
    expect(await cited(r.root)).toEqual({ images: ['ghcr.io/acme/web:latest apps/prod/kustomization.yaml:6', 'ghcr.io/acme/sidecar:2.0.0 apps/base/deploy.yaml:13'], latest: ['apps/prod/kustomization.yaml:6'] });
  });

  it("a Flux Kustomization's spec.images entry", async () => {
    const r = repo('image-set-at-flux');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  images:\n    - name: ghcr.io/acme/web\n      newTag: "1.4.0"\n'));
    r.put('apps/deploy.yaml', deployment('ghcr.io/acme/web:latest'));
    expect((await cited(r.root)).images[0]).toBe('ghcr.io/acme/web:1.4.0 clusters/prod/apps.yaml:14');
  });

  it("a Flux Kustomization's spec.patches entry (strategic merge and JSON 6902)", async () => {
    const r = repo('image-set-at-flux-patch');
    bootstrap(r);
    const patches =
      '  patches:\n' +
      '    - patch: |\n        apiVersion: apps/v1\n        kind: Deployment\n        metadata:\n          name: web\n        spec:\n          template:\n            spec:\n              containers:\n                - name: web\n                  image: ghcr.io/acme/web:latest\n' +
      '    - target:\n        kind: Deployment\n        name: web\n      patch: |\n        - op: replace\n          path: /spec/template/spec/containers/1/image\n          value: ghcr.io/acme/sidecar:2.1.0\n';
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', patches));
    r.put('apps/deploy.yaml', deployment('ghcr.io/acme/web:1.0.0'));
    // Line 14 is the first entry's `- patch:`, line 25 the second's `- target:`; IMAGE_TAG_LATEST points at the patch too.
    expect(await cited(r.root)).toEqual({ images: ['ghcr.io/acme/web:latest clusters/prod/apps.yaml:14', 'ghcr.io/acme/sidecar:2.1.0 clusters/prod/apps.yaml:25'], latest: ['clusters/prod/apps.yaml:14'] });
  });

  it('an entry that writes the tag already written, and a base built by itself, stay at the manifest', async () => {
    const r = repo('image-set-at-same');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('apps', './apps/prod')}---\n${fluxKustomization('base', './apps/base')}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/base/deploy.yaml', deployment('ghcr.io/acme/web:1.0.0'));
    r.put('apps/prod/kustomization.yaml', 'namespace: prod\nresources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/sidecar\n    newTag: 2.0.0\n  - name: ghcr.io/acme/web\n    newTag: 1.1.0\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const byNs = Object.fromEntries(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.namespace, (o.images ?? []).map((i) => `${i.tag} ${i.source.file}:${i.source.line}`)]));
    expect(byNs).toEqual({
      prod: ['1.1.0 apps/prod/kustomization.yaml:7', '2.0.0 apps/base/deploy.yaml:13'],
      web: ['1.0.0 apps/base/deploy.yaml:11', '2.0.0 apps/base/deploy.yaml:13'],
    });
  });

  it("one entry that sets the image of two workloads is a row and a finding for each", async () => {
    const r = repo('image-set-at-two');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - api.yaml\n  - worker.yaml\n');
    r.put('apps/base/api.yaml', deployment('ghcr.io/acme/web:set-by-ci'));
    r.put('apps/base/worker.yaml', deployment('ghcr.io/acme/web:set-by-ci').replace('name: web\n  namespace', 'name: worker\n  namespace'));
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: latest\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const rows = versionsInventory(model).result.images.filter((i) => i.image === 'ghcr.io/acme/web');
    expect(rows.map((i) => `${i.helmRelease} ${i.ref.file}:${i.ref.line}`).sort()).toEqual(['Deployment/web/web apps/prod/kustomization.yaml:4', 'Deployment/web/worker apps/prod/kustomization.yaml:4']);
    expect(analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => f.message.slice(0, 60))).toHaveLength(2);
  });

  it("the base line's image automation marker names no policy where an overlay's entry sets the image", async () => {
    const r = repo('image-set-at-policy');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('prod', './apps/prod')}---\n${fluxKustomization('base', './apps/base')}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/base/deploy.yaml', deployment('ghcr.io/acme/web:1.0.0 # {"$imagepolicy": "flux-system:web"}'));
    r.put('apps/prod/kustomization.yaml', 'namespace: prod\nresources:\n  - ../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 2.0.2\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const policies = Object.fromEntries(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.namespace, o.images?.[0]?.policy ?? null]));
    expect(policies).toEqual({ prod: null, web: 'flux-system/web' });
  });

  it("an overlay's patch that writes the image is where it is cited", async () => {
    const r = repo('image-set-at-patch');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/prod'));
    r.put('apps/base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/base/deploy.yaml', deployment('ghcr.io/acme/web:1.0.0'));
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ../base\npatches:\n  - target:\n      kind: Deployment\n      name: web\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ghcr.io/acme/web:2.0.0\n');
    expect((await cited(r.root)).images).toEqual(['ghcr.io/acme/web:2.0.0 apps/prod/kustomization.yaml:4', 'ghcr.io/acme/sidecar:2.0.0 apps/base/deploy.yaml:13']);
  });
});
