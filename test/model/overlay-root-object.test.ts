/**
 * An object written in the folder a collection Kustomization builds, beside the kustomization.yaml
 * that lists several apps' bases (`apps/overlays/main/paperless-ngx.secret.yaml` beside
 * `../../base/paperless-ngx`), belongs to the one app that build makes in its namespace. Outside
 * review (a base/overlay repository): the Secret made the layer Kustomization's app, named after the
 * Secret's namespace ("paperless-ngx/apps"), and the paperless-ngx app lost its Secret.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo, tempRepos } from '../support/temp-repo.ts';

const secret = (name: string, ns: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nstringData:\n  password: ENC[AES256_GCM,data:abc,iv:x,tag:y,type:str]\nsops:\n  mac: ENC[AES256_GCM,data:m,iv:x,tag:y,type:str]\n  version: 3.8.1\n`;

function overlay(r: ReturnType<typeof tempRepo>, bases: { dir: string; ns: string }[], own: string[]): void {
  r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps/overlays/main'));
  r.put('apps/overlays/main/kustomization.yaml', `resources:\n${[...own, ...bases.map((b) => `../../base/${b.dir}`)].map((x) => `  - ${x}\n`).join('')}`);
  for (const { dir, ns } of bases) {
    r.put(`apps/base/${dir}/kustomization.yaml`, `namespace: ${ns}\nresources:\n  - deployment.yaml\n`);
    r.put(`apps/base/${dir}/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${dir}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${dir}\n          image: nginx:1.27\n`);
  }
}

const appOf = (model: Awaited<ReturnType<typeof scanRepo>>['model'], id: string) => model.apps.find((a) => a.objects.includes(id))?.id;

describe("an object of an overlay's own folder", () => {
  const repo = tempRepos(afterAll);

  it("joins the one app the overlay's build makes in its namespace", async () => {
    const r = repo('overlay-root-secret');
    overlay(r, [{ dir: 'paperless', ns: 'paperless' }, { dir: 'tandoor', ns: 'tandoor' }], ['paperless.secret.yaml']);
    r.put('apps/overlays/main/paperless.secret.yaml', secret('paperless', 'paperless'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(appOf(model, 'Secret/paperless/paperless')).toBe('paperless/paperless');
    expect(model.kustomizations.find((k) => k.name === 'apps')?.appId).toBe('flux-system/apps');
    expect(model.apps.map((a) => a.id)).not.toContain('paperless/apps');
  });

  it("stays with the Kustomization in its own namespace, or where no app or two apps of the build run", async () => {
    const r = repo('overlay-root-secret-stays');
    overlay(r, [{ dir: 'shop-front', ns: 'shop' }, { dir: 'shop-back', ns: 'shop' }, { dir: 'tandoor', ns: 'tandoor' }], ['flux.secret.yaml', 'shop.secret.yaml', 'other.secret.yaml']);
    r.put('apps/overlays/main/flux.secret.yaml', secret('webhook-token', 'flux-system'));
    r.put('apps/overlays/main/shop.secret.yaml', secret('shop', 'shop'));
    r.put('apps/overlays/main/other.secret.yaml', secret('other', 'elsewhere'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const ks = model.kustomizations.find((k) => k.name === 'apps')!.appId;
    expect(appOf(model, 'Secret/flux-system/webhook-token')).toBe(ks);
    expect(appOf(model, 'Secret/elsewhere/other')).toBe(ks);
    // Two apps of the build in `shop`: which one the Secret is for, nothing says.
    expect(appOf(model, 'Deployment/shop/shop-front')).toBe('shop/shop-front');
    expect(appOf(model, 'Deployment/shop/shop-back')).toBe('shop/shop-back');
    expect(appOf(model, 'Secret/shop/shop')).toBe(ks);
  });
});
