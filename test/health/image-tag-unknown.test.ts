/**
 * IMAGE_TAG_LATEST only where the tag is known to float: not for an image left as a `${VAR}` the
 * build does not resolve, nor for a custom resource's image without a tag (its operator may keep the
 * version in a field of its own, Mattermost's `spec.version`). A plain Deployment's bare image is.
 * Nor for a chart built on bjw-s's common library other than app-template (immich's chart): its
 * values take app-template's `controllers` shape, but its values.yaml sets the tag (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('image-tag-unknown');
afterAll(remove);

const deployment = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: ${name}\n          image: "${image}"\n`;

describe('unpinned images', () => {
  it('are the ones known to float', async () => {
    put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
    put('clusters/main/apps.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  postBuild:\n    substitute:\n      OTHER: x\n'));
    put('apps/web/kustomization.yaml', 'resources:\n  - web.yaml\n  - bare.yaml\n  - chat.yaml\n');
    put('apps/web/web.yaml', deployment('web', '${WEB_IMAGE}'));
    put('apps/web/bare.yaml', deployment('bare', 'nginx'));
    put('apps/web/chat.yaml', 'apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata:\n  name: chat\nspec:\n  image: mattermost/mattermost-enterprise-edition\n  version: 9.11.1\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const { result, findings } = versionsInventory(model);
    expect(result.images.map((i) => i.image).sort()).toEqual(['${WEB_IMAGE}', 'mattermost/mattermost-enterprise-edition', 'nginx']);
    expect(findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => f.objectId)).toEqual(['Deployment/web/bare']);
  });

  it("float in app-template's values without a tag, not in another chart's of the same library", async () => {
    const r = tempRepo('image-tag-library');
    try {
      const release = (name: string, chart: string) =>
        `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  chart:\n    spec:\n      chart: ${chart}\n      version: 1.0.0\n      sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}\n  values:\n    controllers:\n      main:\n        containers:\n          main:\n            image:\n              repository: ghcr.io/example/${name}\n              pullPolicy: IfNotPresent\n`;
      r.put('clusters/main/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/main'));
      r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps', '  targetNamespace: media\n'));
      r.put('apps/kustomization.yaml', 'resources:\n  - immich.yaml\n  - echo.yaml\n');
      r.put('apps/immich.yaml', release('immich', 'immich'));
      r.put('apps/echo.yaml', release('echo', 'app-template'));
      const { model } = await scanRepo(r.root, parseConfig({}));
      const { result, findings } = versionsInventory(model);
      expect(result.images.map((i) => i.image).sort()).toEqual(['ghcr.io/example/echo', 'ghcr.io/example/immich']);
      expect(findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => f.objectId)).toEqual(['HelmRelease/media/echo']);
    } finally {
      r.remove();
    }
  });
});
