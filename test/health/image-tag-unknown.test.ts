/**
 * IMAGE_TAG_LATEST only where the tag is known to float: not for an image left as a `${VAR}` the
 * build does not resolve, nor for a custom resource's image without a tag (its operator may keep the
 * version in a field of its own, Mattermost's `spec.version`). A plain Deployment's bare image is.
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
});
