/**
 * A Flux Kustomization's file in a folder whose other sub-folders the cluster's own build lists
 * (`clusters/dev/kustomization.yaml` -> `networking/issuers-kustomization.yaml`, `networking/tunnel`,
 * `networking/cilium`): the folder is a collection, so the Kustomization's app is its path, and the
 * sibling kustomize folder is an app of its own. Outside review: one app `tunnel/networking` held the
 * tunnel's Deployment, the issuers' Kustomization and its ClusterIssuer, and the tunnel was shown as the
 * user of the issuer's Secret. A home-ops ks.yaml in its app folder keeps that folder.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const appOf = (model: Awaited<ReturnType<typeof scanRepo>>['model'], id: string) => model.apps.find((a) => a.objects.includes(id));

describe("a Kustomization's file beside folders its parent builds", () => {
  const repo = tempRepos(afterAll);

  it('makes the Kustomization an app of its path, and the sibling folder an app of its own', async () => {
    const r = repo('ks-file-beside-folders');
    bootstrap(r, 'dev');
    r.put('clusters/dev/kustomization.yaml', 'resources:\n  - flux-system\n  - networking/issuers-kustomization.yaml\n  - networking/tunnel\n  - networking/cilium\n');
    r.put('clusters/dev/networking/issuers-kustomization.yaml', fluxKustomization('issuers', './clusters/dev/networking/issuers'));
    r.put('clusters/dev/networking/issuers/issuer.yaml', 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  selfSigned: {}\n');
    r.put('clusters/dev/networking/tunnel/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('clusters/dev/networking/tunnel/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tunnel\n  namespace: tunnel\nspec:\n  template:\n    spec:\n      containers:\n        - name: tunnel\n          image: cloudflare/cloudflared:2024.1.0\n');
    r.put('clusters/dev/networking/cilium/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('clusters/dev/networking/cilium/release.yaml', helmRelease({ name: 'cilium', namespace: 'kube-system', chart: 'cilium', version: '1.16.0', source: 'cilium' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const issuers = appOf(model, 'Kustomization/flux-system/issuers')!;
    expect(issuers.dir).toBe('clusters/dev/networking/issuers');
    expect(issuers.objects).toContain('ClusterIssuer/_cluster/letsencrypt');
    expect(issuers.objects).not.toContain('Deployment/tunnel/tunnel');
    const tunnel = appOf(model, 'Deployment/tunnel/tunnel')!;
    expect({ id: tunnel.id, dir: tunnel.dir }).toEqual({ id: 'tunnel/tunnel', dir: 'clusters/dev/networking/tunnel' });
  });

  it("keeps a home-ops ks.yaml's app folder, whose parent applies nothing else there", async () => {
    const r = repo('ks-file-app-folder');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('cluster-apps', './apps'));
    r.put('apps/media/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - plex/ks.yaml\n');
    r.put('apps/media/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    r.put('apps/kustomization.yaml', 'resources:\n  - media\n');
    r.put('apps/media/plex/ks.yaml', fluxKustomization('plex', './apps/media/plex/app', '  targetNamespace: media\n'));
    r.put('apps/media/plex/app/release.yaml', helmRelease({ name: 'plex', chart: 'app-template', version: '3.5.1', source: 'bjw-s' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const plex = appOf(model, 'Kustomization/flux-system/plex')!;
    expect({ id: plex.id, dir: plex.dir }).toEqual({ id: 'media/plex', dir: 'apps/media/plex' });
  });
});
