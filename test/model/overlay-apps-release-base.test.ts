/**
 * A cluster's `apps` Kustomization builds `apps/<env>`, where each folder is an overlay of a base in
 * `apps/base/<app>` (its namespace, image tags, a ConfigMap of its own), all in one namespace, and one
 * base holds a HelmRelease. The release made the Kustomization "wide" (its releases are its apps), and
 * then every base's Deployment went to one app with the Kustomization's name, the overlays' own
 * ConfigMaps to per-folder apps without a workload, and the Kustomization's own app read as
 * unreferenced (a public multi-cluster repository, seventh round of outside-corpus.md). Each overlay
 * folder is its app, with what its base makes; one base listed by several overlays (each its own
 * name suffix) makes each overlay's copy; the Kustomization stays in an app of its own.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { versionsInventory } from '../../src/analysis/health/versions.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('overlay-apps-release-base');
afterAll(remove);

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n        - name: ${name}\n          image: ghcr.io/example/${name}:1.0.0\n`;
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-config\ndata:\n  LEVEL: info\n`;

describe('overlay folders of bases, one base a release', async () => {
  for (const env of ['dev', 'prod']) {
    put(`clusters/${env}/flux-system/kustomization.yaml`, 'resources:\n  - gotk-sync.yaml\n');
    put(`clusters/${env}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./clusters/${env}`));
    put(`clusters/${env}/apps.yaml`, fluxKustomization('apps', `./apps/${env}`));
    for (const app of ['api', 'web']) {
      put(`apps/${env}/${app}/kustomization.yaml`, `namespace: shop\nresources:\n  - ../../base/${app}\n  - configmap.yaml\nimages:\n  - name: ghcr.io/example/${app}\n    newTag: "${env === 'dev' ? '2.0.0' : '1.9.0'}"\n`);
      put(`apps/${env}/${app}/configmap.yaml`, configMap(app));
    }
    for (const q of ['pull', 'push']) put(`apps/${env}/queue-${q}/kustomization.yaml`, `namespace: shop\nnameSuffix: -${q}\nresources:\n  - ../../base/queue\n`);
    put(`apps/${env}/grafana/kustomization.yaml`, 'namespace: shop\nresources:\n  - ../../base/grafana\n');
    put(`apps/${env}/gitlab/kustomization.yaml`, 'namespace: gitlab\nresources:\n  - ../../base/gitlab\n');
  }
  for (const app of ['api', 'web', 'queue']) {
    put(`apps/base/${app}/kustomization.yaml`, 'resources:\n  - deployment.yaml\n');
    put(`apps/base/${app}/deployment.yaml`, deployment(app));
  }
  put('apps/base/grafana/kustomization.yaml', 'resources:\n  - release.yaml\n');
  put('apps/base/grafana/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: grafana\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: grafana\n      version: 8.5.0\n      sourceRef:\n        kind: HelmRepository\n        name: grafana\n        namespace: flux-system\n');
  // A base with its own Namespace beside its release.
  put('apps/base/gitlab/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - release.yaml\n');
  put('apps/base/gitlab/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: gitlab\n');
  put('apps/base/gitlab/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: gitlab\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: gitlab\n      version: 8.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: gitlab\n        namespace: flux-system\n');
  const { model } = await scanRepo(root, parseConfig({}));
  const members = (id: string) => model.objects.filter((o) => o.appId === id).map((o) => `${o.kind}/${o.name}`).sort();

  it('each overlay folder is an app with what its base makes, in each cluster', () => {
    for (const env of ['dev', 'prod']) {
      expect(members(`${env}/shop/api`)).toEqual(['ConfigMap/api-config', 'Deployment/api']);
      expect(members(`${env}/shop/web`)).toEqual(['ConfigMap/web-config', 'Deployment/web']);
      expect(members(`${env}/shop/queue-pull`)).toEqual(['Deployment/queue-pull']);
      expect(members(`${env}/shop/queue-push`)).toEqual(['Deployment/queue-push']);
      expect(members(`${env}/shop/grafana`)).toEqual(['HelmRelease/grafana']);
      // The base's Namespace is its app's, as `kubectl kustomize apps/<env>/gitlab` builds them together.
      expect(members(`${env}/gitlab/gitlab`)).toEqual(['HelmRelease/gitlab', 'Namespace/gitlab']);
    }
  });

  it("the Kustomization is an app of its own, deployed; no app takes the Kustomization's name from a base", () => {
    const apps = model.apps.filter((a) => a.cluster === 'dev').map((a) => [a.id, a.unreferenced]);
    expect(apps).toContainEqual(['dev/flux-system/apps', false]);
    expect(apps.map(([id]) => id)).not.toContain('dev/shop/apps');
    expect(model.apps.filter((a) => a.unreferenced).map((a) => a.id)).toEqual([]);
  });

  it("the versions list each overlay's tag of a base's image, once per tag", () => {
    const rows = versionsInventory(model).result.images.filter((i) => i.image === 'ghcr.io/example/api');
    expect(rows.map((r) => r.tag).sort()).toEqual(['1.9.0', '2.0.0']);
  });
});
