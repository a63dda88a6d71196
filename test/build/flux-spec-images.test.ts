import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * Flux adds a Kustomization's `spec.images` to the kustomization it builds and its
 * `spec.commonMetadata` labels and annotations to every object it applies (fluxcd/pkg's kustomize
 * generator). Neither was applied: an image pinned in spec.images was a false IMAGE_TAG_LATEST on the
 * `:latest` written in the manifest, and the objects lacked the common labels.
 */
describe("a Flux Kustomization's spec.images and spec.commonMetadata", () => {
  const repo = tempRepos(afterAll);
  const deployment = (image: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

  it('pin the image the cluster runs and label every object', async () => {
    const r = repo('flux-images');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: web\n  commonMetadata:\n    labels:\n      team: platform\n    annotations:\n      owner: ops\n  images:\n    - name: ghcr.io/example/web\n      newTag: "2.0.0"\n'));
    r.put('apps/deploy.yaml', deployment('ghcr.io/example/web:latest'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const web = model.objects.find((o) => o.kind === 'Deployment' && o.name === 'web');
    expect(web?.images?.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ghcr.io/example/web:2.0.0']);
    expect([web?.labels.team, web?.annotations.owner]).toEqual(['platform', 'ops']);
    expect(analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST')).toEqual([]);
  });

  it('leave an image they do not name as written', async () => {
    const r = repo('flux-images-other');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: web\n  images:\n    - name: ghcr.io/example/other\n      newTag: "2.0.0"\n'));
    r.put('apps/deploy.yaml', deployment('ghcr.io/example/web:latest'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST')).toHaveLength(1);
  });
});
