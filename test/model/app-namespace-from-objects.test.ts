/**
 * An app's namespace where its Kustomization sets no targetNamespace: the one namespace all its
 * objects are in (a HelmRelease: where it installs). The folder rule `apps/<namespace>/<app>` read an
 * environment overlay (`apps/production/podinfo`) and an app's component folder
 * (`apps/base/shop/helm`) as namespaces, and a Kustomization's own `flux-system` was taken otherwise
 * (found on OSable/infrastructure and rcbassil/flux-fleet-infra, outside the corpus). Objects that
 * disagree, or are all in `default`, leave the rule as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('app-namespace');
afterAll(remove);

const deploy = (name: string, ns?: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}`;

describe('the namespace of an app whose Kustomization sets no targetNamespace', () => {
  it('is where its objects are, when they agree', async () => {
    put('clusters/production/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    put('clusters/production/apps.yaml', [
      fluxKustomization('podinfo', './apps/production/podinfo'),
      fluxKustomization('shop', './apps/base/shop/helm'),
      fluxKustomization('mixed', './apps/production/mixed'),
      fluxKustomization('plain', './apps/production/plain'),
      fluxKustomization('media', './apps/media/plex', '  targetNamespace: media\n'),
    ].join('---\n'));
    put('apps/production/podinfo/deploy.yaml', deploy('podinfo', 'web'));
    put('apps/base/shop/helm/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: shop\n  namespace: flux-system\nspec:\n  targetNamespace: shop\n  interval: 1h\n  chart:\n    spec:\n      chart: shop\n      sourceRef: {kind: HelmRepository, name: shop}\n');
    put('apps/production/mixed/a.yaml', deploy('a', 'one'));
    put('apps/production/mixed/b.yaml', deploy('b', 'two'));
    put('apps/production/plain/deploy.yaml', deploy('plain'));
    put('apps/media/plex/deploy.yaml', deploy('plex', 'elsewhere'));
    const { model } = await scanRepo(root, parseConfig({}));
    const ns = Object.fromEntries(model.apps.filter((a) => a.dir.startsWith('apps/')).map((a) => [a.dir, a.namespace]));
    expect(ns).toEqual({
      'apps/production/podinfo': 'web',
      'apps/base/shop/helm': 'shop',
      // Objects in two namespaces, or only in `default`: no namespace of theirs. `production` is the
      // cluster folder the root builds (clusters/production), no namespace either (an outside review
      // found it invented so): the Kustomization's own namespace stands.
      'apps/production/mixed': 'flux-system',
      'apps/production/plain': 'flux-system',
      // targetNamespace decides where it is set.
      'apps/media/plex': 'media',
    });
  });

  it('leaves Flux plumbing beside a release out of the vote (a HelmRepository in flux-system), unless it is all there is', async () => {
    const r = tempRepo('app-namespace-plumbing');
    try {
      r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
      r.put('clusters/home/apps.yaml', [fluxKustomization('tailscale-operator', './infra/tailscale'), fluxKustomization('bot', './infra/bot')].join('---\n'));
      r.put('infra/tailscale/repo.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: tailscale\n  namespace: flux-system\nspec:\n  url: https://pkgs.tailscale.com/helmcharts\n');
      r.put('infra/tailscale/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: tailscale-operator\n  namespace: flux-system\nspec:\n  targetNamespace: tailscale\n  chart:\n    spec:\n      chart: tailscale-operator\n      sourceRef: {kind: HelmRepository, name: tailscale}\n');
      r.put('infra/tailscale/oauth.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: operator-oauth\n  namespace: tailscale\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n');
      r.put('infra/bot/automation.yaml', 'apiVersion: image.toolkit.fluxcd.io/v1beta2\nkind: ImageUpdateAutomation\nmetadata:\n  name: bot\n  namespace: automation\nspec:\n  sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}\n');
      const { model } = await scanRepo(r.root, parseConfig({}));
      const ns = Object.fromEntries(model.apps.filter((a) => a.dir.startsWith('infra/')).map((a) => [a.dir, a.namespace]));
      expect(ns).toEqual({ 'infra/tailscale': 'tailscale', 'infra/bot': 'automation' });
    } finally {
      r.remove();
    }
  });

  it('is where its workloads run, whatever the order of its objects or the namespaces of the rest (outside reviews)', async () => {
    const r = tempRepo('app-namespace-workloads');
    try {
      r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
      r.put('clusters/home/apps.yaml', [fluxKustomization('apps', './apps'), fluxKustomization('foundation', './infra/foundation')].join('---\n'));
      // The folder's kustomization.yaml lists an ExternalSecret of another namespace first.
      r.put('apps/kustomization.yaml', 'resources:\n  - ./nzbget\n  - ./radarr\n');
      r.put('apps/radarr/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
      r.put('apps/radarr/deploy.yaml', deploy('radarr', 'radarr'));
      r.put('apps/nzbget/kustomization.yaml', 'resources:\n  - external-secret.yaml\n  - deploy.yaml\n');
      r.put('apps/nzbget/external-secret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: nzbget\n  namespace: azure\nspec:\n  secretStoreRef: {kind: ClusterSecretStore, name: vault}\n');
      r.put('apps/nzbget/deploy.yaml', deploy('nzbget', 'nzbget'));
      // Quotas in three namespaces beside the one Deployment.
      r.put('infra/foundation/deploy.yaml', deploy('local-path-provisioner', 'local-path-storage'));
      r.put('infra/foundation/quotas.yaml', ['a', 'b', 'c'].map((n) => `apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: quota\n  namespace: ${n}\n`).join('---\n'));
      const { model } = await scanRepo(r.root, parseConfig({}));
      const ns = Object.fromEntries(model.apps.filter((a) => !a.dir.startsWith('clusters/') && a.dir.includes('/')).map((a) => [a.dir, a.namespace]));
      expect(ns).toEqual({ 'apps/nzbget': 'nzbget', 'apps/radarr': 'radarr', 'infra/foundation': 'local-path-storage' });
      expect(model.namespaces).toEqual(expect.arrayContaining(['nzbget', 'local-path-storage']));
    } finally {
      r.remove();
    }
  });
});
