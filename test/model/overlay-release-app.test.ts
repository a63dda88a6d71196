/**
 * Apps of base/overlay layouts where a Flux Kustomization's path is an overlay of a base that holds
 * the releases (an outside review, Slurm on Kubernetes):
 * - the overlay's own files (`overlays/kubeadm/secret.yaml`) are the release's app, as its base is:
 *   they were an app of their own, named after the file ("slurm/secret");
 * - a Kustomization that deploys two releases (`mariadb-operator`: mariadb-operator and
 *   mariadb-operator-crds) belongs, with its Namespace, to the release named as it is: it was an app of
 *   its own in flux-system holding only the Kustomization and the Namespace, and the dependsOn of
 *   other Kustomizations on it pointed there.
 * And a cluster its root applies as one kustomize tree (a monorepo's `prod/clusters/beam01`), where an
 * overlay folder named as the base it lists (`apps/console` -> `../../../base/apps/console`) is the
 * app: the overlay's ConfigMap and claim were an app called "apps", apart from the base's Deployment
 * that mounts the claim. And Flux's example layout with plain manifests (`apps/production` listing
 * `../base/alpha` and `../base/beta`, each a Deployment in its own namespace): an app per base, as
 * without the bootstrap; with it, both were one app, flux-system/apps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const made: (() => void)[] = [];
afterAll(() => made.forEach((remove) => remove()));

const bootstrap = (path: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata: {name: flux-system, namespace: flux-system}\nspec: {interval: 1m, url: https://example.org/x.git, ref: {branch: main}}\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: flux-system, namespace: flux-system}\nspec: {interval: 10m, path: ./${path}, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}\n`;
const ks = (name: string, path: string, extra = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec: {interval: 10m, path: ./${path}, prune: true, sourceRef: {kind: GitRepository, name: flux-system}${extra}}\n`;
const release = (name: string, ns: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  interval: 1h\n  chart: {spec: {chart: ${name}, version: 1.0.0, sourceRef: {kind: HelmRepository, name: charts, namespace: flux-system}}}\n`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;

async function appsOf(files: Record<string, string>) {
  const repo = tempRepo('overlay-release-app');
  made.push(repo.remove);
  for (const [path, text] of Object.entries(files)) repo.put(path, text);
  const { model } = await scanRepo(repo.root, parseConfig({}));
  return { model, apps: Object.fromEntries(model.apps.map((a) => [a.id, a.objects])) };
}

describe('apps of overlays whose base holds the releases', () => {
  it('gives the overlay’s own files and a several-release Kustomization to the release’s app', async () => {
    const { model, apps } = await appsOf({
      'clusters/c1/flux-system/gotk-sync.yaml': bootstrap('clusters/c1'),
      'clusters/c1/repos.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: charts, namespace: flux-system}\nspec: {interval: 1h, url: https://example.org/charts}\n',
      'clusters/c1/applications.yaml': [
        ks('slurm', 'applications/slurm/overlays/kubeadm'),
        ks('mariadb-operator', 'infrastructure/mariadb-operator/overlays/kubeadm'),
        ks('database', 'applications/database', ', dependsOn: [{name: mariadb-operator}]'),
      ].join('---\n'),
      'applications/slurm/base/kustomization.yaml': 'resources: [namespace.yaml, helmrelease.yaml, home-pvc.yaml]\n',
      'applications/slurm/base/namespace.yaml': namespace('slurm'),
      'applications/slurm/base/helmrelease.yaml': release('slurm', 'slurm'),
      'applications/slurm/base/home-pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: slurm-home, namespace: slurm}\nspec: {accessModes: [ReadWriteMany], resources: {requests: {storage: 20Gi}}}\n',
      'applications/slurm/overlays/kubeadm/kustomization.yaml': 'resources: [../../base, secret.yaml]\n',
      'applications/slurm/overlays/kubeadm/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: slurm-sssd-conf, namespace: slurm}\ntype: Opaque\n',
      'infrastructure/mariadb-operator/base/kustomization.yaml': 'resources: [namespace.yaml, helmrelease-crds.yaml, helmrelease.yaml]\n',
      'infrastructure/mariadb-operator/base/namespace.yaml': namespace('mariadb'),
      'infrastructure/mariadb-operator/base/helmrelease.yaml': release('mariadb-operator', 'mariadb'),
      'infrastructure/mariadb-operator/base/helmrelease-crds.yaml': release('mariadb-operator-crds', 'mariadb'),
      'infrastructure/mariadb-operator/overlays/kubeadm/kustomization.yaml': 'resources: [../../base]\n',
      'applications/database/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: database, namespace: slurm}\ndata: {a: b}\n',
    });
    expect(apps['slurm/slurm']).toEqual([
      'HelmRelease/slurm/slurm',
      'Kustomization/flux-system/slurm',
      'Namespace/_cluster/slurm',
      'PersistentVolumeClaim/slurm/slurm-home',
      'Secret/slurm/slurm-sssd-conf',
    ]);
    expect(apps['mariadb/mariadb-operator']).toEqual(['HelmRelease/mariadb/mariadb-operator', 'Kustomization/flux-system/mariadb-operator', 'Namespace/_cluster/mariadb']);
    expect(apps['mariadb/mariadb-operator-crds']).toEqual(['HelmRelease/mariadb/mariadb-operator-crds']);
    expect(Object.keys(apps).sort()).toEqual(['flux-system/flux-system', 'mariadb/mariadb-operator', 'mariadb/mariadb-operator-crds', 'slurm/database', 'slurm/slurm']);
    // What depends on the Kustomization depends on that app.
    expect(model.objects.find((o) => o.id === 'Kustomization/flux-system/mariadb-operator')?.appId).toBe('mariadb/mariadb-operator');
  });

  it('takes an overlay folder named as its base for the app, under a root that applies the cluster as one tree', async () => {
    const { apps } = await appsOf({
      'prod/clusters/beam01/flux-system/gotk-sync.yaml': bootstrap('prod/clusters/beam01'),
      'prod/clusters/base/apps/console/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n',
      'prod/clusters/base/apps/console/deployment.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: macula-console}\nspec:\n  selector: {matchLabels: {app: console}}\n  template:\n    metadata: {labels: {app: console}}\n    spec:\n      containers: [{name: c, image: "example/console:1.0.0"}]\n      volumes: [{name: data, persistentVolumeClaim: {claimName: console-data}}]\n',
      'prod/clusters/base/apps/console/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: macula-console}\nspec: {selector: {app: console}, ports: [{port: 80}]}\n',
      'prod/clusters/beam01/apps/console/kustomization.yaml': 'namespace: macula\nresources: [../../../base/apps/console, configmap.yaml, pvc.yaml]\n',
      'prod/clusters/beam01/apps/console/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: console-env}\ndata: {A: b}\n',
      'prod/clusters/beam01/apps/console/pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: console-data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n',
    });
    expect(apps).toEqual({
      'flux-system/flux-system': ['GitRepository/flux-system/flux-system', 'Kustomization/flux-system/flux-system'],
      'macula/console': ['ConfigMap/macula/console-env', 'Deployment/macula/macula-console', 'PersistentVolumeClaim/macula/console-data', 'Service/macula/macula-console'],
    });
  });

  it('makes an app of each base the path lists, in Flux’s example layout of plain manifests', async () => {
    const app = (name: string) =>
      `${namespace(name)}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "example/${name}:1.0.0"}]}\n`;
    const { apps } = await appsOf({
      'clusters/prod/flux-system/gotk-sync.yaml': bootstrap('clusters/prod'),
      'clusters/prod/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
      'clusters/prod/apps.yaml': ks('apps', 'apps/production'),
      'apps/production/kustomization.yaml': 'resources: [../base/alpha, ../base/beta]\n',
      'apps/base/alpha/kustomization.yaml': 'resources: [app.yaml]\n',
      'apps/base/alpha/app.yaml': app('alpha'),
      'apps/base/beta/kustomization.yaml': 'resources: [app.yaml]\n',
      'apps/base/beta/app.yaml': app('beta'),
    });
    expect(apps['alpha/alpha']).toEqual(['Deployment/alpha/alpha', 'Namespace/_cluster/alpha']);
    expect(apps['beta/beta']).toEqual(['Deployment/beta/beta', 'Namespace/_cluster/beta']);
    expect(apps['flux-system/apps']).toEqual(['Kustomization/flux-system/apps']);
  });

  it('makes an app of each folder a base of several apps lists, where the path lists that base whole', async () => {
    // (An outside review: `apps/production` and `apps/local` each listing `../base`, whose
    // kustomization.yaml lists `cv-site`, `akhq` and `umami`; cv-site lists its components' files
    // (`frontend/deployment.yaml`) rather than their folders. All of it was one app, flux-system/apps.)
    const deploy = (name: string, ns?: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "example/${name}:1.0.0"}]}\n`;
    const { apps } = await appsOf({
      'clusters/prod/flux-system/gotk-sync.yaml': bootstrap('clusters/prod'),
      'clusters/prod/flux-system/kustomization.yaml': 'resources: [gotk-sync.yaml]\n',
      'clusters/prod/apps.yaml': ks('apps', 'apps/production'),
      'apps/production/kustomization.yaml': 'resources: [../base]\n',
      'apps/base/kustomization.yaml': 'resources: [cv-site, akhq]\n',
      'apps/base/cv-site/kustomization.yaml': 'namespace: cv-site\nresources: [namespace.yaml, frontend/deployment.yaml, api/deployment.yaml]\n',
      'apps/base/cv-site/namespace.yaml': namespace('cv-site'),
      'apps/base/cv-site/frontend/deployment.yaml': deploy('frontend'),
      'apps/base/cv-site/api/deployment.yaml': deploy('api'),
      'apps/base/akhq/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'apps/base/akhq/deployment.yaml': deploy('akhq', 'monitoring'),
    });
    expect(apps['cv-site/cv-site']).toEqual(['Deployment/cv-site/api', 'Deployment/cv-site/frontend', 'Namespace/_cluster/cv-site']);
    expect(apps['monitoring/akhq']).toEqual(['Deployment/monitoring/akhq']);
    expect(apps['flux-system/apps']).toEqual(['Kustomization/flux-system/apps']);
  });

  it('makes an app of each plain base the path lists beside a release’s base', async () => {
    // (An outside review: `apps/staging` listing `../base/podinfo`, a release, and `../base/affine`
    // and `../base/sure`, plain workloads each in its own namespace. The plain ones were one app with
    // the collection Kustomization, flux-system/apps, and their claims' findings were filed there.)
    const plain = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: "example/${name}:1.0.0"}]}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}-data}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`;
    const { apps } = await appsOf({
      'clusters/staging/flux-system/gotk-sync.yaml': bootstrap('clusters/staging'),
      'clusters/staging/repos.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: charts, namespace: flux-system}\nspec: {interval: 1h, url: https://example.org/charts}\n',
      'clusters/staging/apps.yaml': ks('apps', 'apps/staging'),
      'apps/staging/kustomization.yaml': 'resources: [../base/podinfo, ../base/affine, ../base/sure]\n',
      'apps/base/podinfo/kustomization.yaml': 'namespace: podinfo\nresources: [release.yaml]\n',
      'apps/base/podinfo/release.yaml': release('podinfo', 'podinfo'),
      'apps/base/affine/kustomization.yaml': 'namespace: affine\nresources: [app.yaml]\n',
      'apps/base/affine/app.yaml': plain('affine'),
      'apps/base/sure/kustomization.yaml': 'namespace: sure\nresources: [app.yaml]\n',
      'apps/base/sure/app.yaml': plain('sure'),
    });
    expect(apps['affine/affine']).toEqual(['Deployment/affine/affine', 'PersistentVolumeClaim/affine/affine-data']);
    expect(apps['sure/sure']).toEqual(['Deployment/sure/sure', 'PersistentVolumeClaim/sure/sure-data']);
    expect(apps['podinfo/podinfo']).toEqual(['HelmRelease/podinfo/podinfo']);
    expect(apps['flux-system/apps']).toEqual(['Kustomization/flux-system/apps']);
  });
});
