/**
 * A folder of Flux Kustomizations, one a file, each deploying a path of another Git repository
 * (`apps/site-docs-kustomization.yaml` -> the manifests repository's ./apps/site-docs): each is an
 * app of its own, named by its metadata.name, in its targetNamespace. They were one app, named after
 * the first file's Kustomization, in its namespace (a public k3s repository: eight apps in one).
 * Objects beside them (an ImageRepository file) go to the app whose name their file carries.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { monitoringMatrix } from '../../src/analysis/health/monitoring.ts';
import { networkMatrix } from '../../src/analysis/health/network.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('external-ks-per-file');
afterAll(remove);

const ks = (name: string, path: string, source: string, extra = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: ${source}\n${extra}`;

describe('Kustomizations of another repository, one a file in one folder', () => {
  it('are an app each; a file beside them joins the app whose name it carries', async () => {
    put('clusters/prod/flux-system/gotk-sync.yaml', `${ks('flux-system', './clusters/prod', 'flux-system')}---\napiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://github.com/example/fleet\n  ref:\n    branch: main\n`);
    put('clusters/prod/apps-sync.yaml', ks('apps-sync', './apps', 'flux-system'));
    put('apps/manifests-source.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: manifests\n  namespace: flux-system\nspec:\n  interval: 5m\n  url: https://github.com/example/manifests\n  ref:\n    branch: main\n');
    put('apps/shop-kustomization.yaml', ks('app-shop', './apps/shop', 'manifests', '  targetNamespace: web\n'));
    put('apps/blog-kustomization.yaml', ks('blog', './apps/blog', 'manifests', '  targetNamespace: web\n'));
    put('apps/bot-kustomization.yaml', ks('bot', './apps/bot', 'manifests', '  targetNamespace: bots\n'));
    put('apps/blog-imagerepo.yaml', 'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImageRepository\nmetadata:\n  name: blog\n  namespace: flux-system\nspec:\n  image: ghcr.io/example/blog\n  interval: 1h\n');
    put('apps/shop-imagepolicy.yaml', 'apiVersion: image.toolkit.fluxcd.io/v1\nkind: ImagePolicy\nmetadata:\n  name: shop-policy\n  namespace: flux-system\nspec:\n  imageRepositoryRef:\n    name: shop\n  policy:\n    semver:\n      range: ">=1.0.0"\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const apps = Object.fromEntries(model.apps.map((a) => [a.id, a.objects.filter((o) => !o.startsWith('Kustomization/')).sort()]));
    expect(Object.keys(apps).sort()).toEqual(['bots/bot', 'flux-system/apps-sync', 'flux-system/flux-system', 'web/app-shop', 'web/blog']);
    expect(apps['web/blog']).toEqual(['ImageRepository/flux-system/blog']);
    // `shop-imagepolicy.yaml` carries the file's name (`shop-kustomization.yaml`), not the Kustomization's (`app-shop`).
    expect(apps['web/app-shop']).toEqual(['ImagePolicy/flux-system/shop-policy']);
    expect(apps['bots/bot']).toEqual([]);
    expect(model.apps.find((a) => a.id === 'web/blog')!.kustomizations).toEqual(['Kustomization/flux-system/blog']);
    // The page names the file, not a folder `apps/blog-kustomization` that does not exist (nor asks for a README there).
    expect(appFacts(model, 'web/blog')!.file).toBe('apps/blog-kustomization.yaml');
    expect(appFacts(model, 'flux-system/flux-system')!.file).toBeNull();
    // What it deploys is in the other repository: the page says so and claims no missing monitoring or policy.
    expect(appFacts(model, 'web/blog')!.external).toEqual({ source: 'GitRepository/manifests', url: 'https://github.com/example/manifests' });
    expect(appFacts(model, 'web/blog')!.badges).toEqual({ missingBackup: false, missingMonitoring: false, missingNetworkPolicy: false });
    expect(appFacts(model, 'flux-system/apps-sync')!.external).toBeNull();
    // The same on /health/: no row says such an app has no policy or monitoring.
    expect(networkMatrix(model).result.apps.map((a) => a.appId)).not.toContain('web/blog');
    expect(monitoringMatrix(model).result.rows.map((r) => r.appId)).not.toContain('web/blog');
  });

  it('is an app of its own beside release files that each are one (csi-smb.yaml beside traefik.yaml and pihole.yaml)', async () => {
    const r = tempRepo('external-ks-beside-releases');
    try {
      r.put('clusters/home/flux-system/gotk-sync.yaml', ks('flux-system', './clusters/home', 'flux-system'));
      r.put('clusters/home/infra.yaml', ks('infra-controllers', './infrastructure/controllers', 'flux-system'));
      r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - traefik.yaml\n  - pihole.yaml\n  - csi-smb.yaml\n');
      const release = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: ${name}\nspec:\n  chart:\n    spec:\n      chart: ${name}\n      sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}\n`;
      r.put('infrastructure/controllers/traefik.yaml', release('traefik'));
      r.put('infrastructure/controllers/pihole.yaml', release('pihole'));
      r.put('infrastructure/controllers/csi-smb.yaml', `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: csi-smb-driver\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/kubernetes-csi/csi-driver-smb.git\n  ref:\n    tag: v1.13.0\n---\n${ks('csi-smb-driver', './deploy', 'csi-smb-driver', '  targetNamespace: kube-system\n')}`);
      const { model } = await scanRepo(r.root, parseConfig({}));
      const app = model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/csi-smb-driver'));
      expect([app?.id, app?.dir]).toEqual(['kube-system/csi-smb-driver', 'infrastructure/controllers/csi-smb']);
      expect(model.objects.find((o) => o.kind === 'GitRepository' && o.name === 'csi-smb-driver')?.appId).toBe('kube-system/csi-smb-driver');
    } finally {
      r.remove();
    }
  });
});
