/**
 * A file in a folder with a kustomization.yaml that no kustomization.yaml names (left beside the files
 * in use, or commented out of the list) is never applied: Flux builds that folder from its
 * kustomization.yaml. Found on a public home-ops repository: an ExternalSecret commented out of a
 * shared component's list got EXTERNALSECRET_STORE_MISSING (warning) and a refresh-interval info.
 * Such a file gets one NOT_DEPLOYED note (none for a file named as an example) and no other finding;
 * a file named by another folder's kustomization.yaml is applied and checked as before.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('unlisted-files');
afterAll(remove);

const externalSecret = (name: string) =>
  `apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: nowhere\n  target:\n    name: ${name}\n  dataFrom:\n    - extract:\n        key: ${name}\n`;

describe('files their folder’s kustomization.yaml leaves out', () => {
  it('are noted once as not deployed and not checked', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - ./web\n');
    put('apps/web/kustomization.yaml', 'namespace: web\nresources:\n  - ./settings.yaml\n  # - ./commented.yaml\n  - ../shared/borrowed.yaml\n');
    put('apps/web/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
    put('apps/web/commented.yaml', externalSecret('commented'));
    put('apps/web/leftover.yaml', externalSecret('leftover'));
    put('apps/web/secret.example.yaml', externalSecret('example'));
    // Named by another folder's kustomization.yaml: applied, and checked.
    put('apps/shared/kustomization.yaml', 'resources: []\n');
    put('apps/shared/borrowed.yaml', externalSecret('borrowed'));
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const findings = analyse(model, config).findings;
    const at = (file: string) => findings.filter((f) => f.source.file === file).map((f) => f.code);
    expect(at('apps/web/commented.yaml')).toEqual(['NOT_DEPLOYED']);
    expect(findings.find((f) => f.source.file === 'apps/web/commented.yaml')!.message).toContain('commented out in apps/web/kustomization.yaml:4');
    expect(at('apps/web/leftover.yaml')).toEqual(['NOT_DEPLOYED']);
    expect(findings.find((f) => f.source.file === 'apps/web/leftover.yaml')!.message).toContain('not listed in apps/web/kustomization.yaml');
    expect(at('apps/web/secret.example.yaml')).toEqual([]);
    expect(at('apps/shared/borrowed.yaml')).toContain('EXTERNALSECRET_STORE_MISSING');
    expect(model.files.filter((f) => f.unlisted).map((f) => f.path)).toEqual(['apps/web/commented.yaml', 'apps/web/leftover.yaml', 'apps/web/secret.example.yaml']);
    // The model keeps them: they are in the repository.
    expect(model.externalSecrets.map((e) => e.name).sort()).toEqual(['borrowed', 'commented', 'example', 'leftover']);
  });

  it('are no leftover where a generator reads them (a manifest kept as the text of a ConfigMap)', async () => {
    const r = tempRepo('unlisted-generator-input');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps/auth'));
      r.put('apps/auth/kustomization.yaml', 'resources:\n  - deploy.yaml\nconfigMapGenerator:\n  - name: auth-clients\n    files:\n      - clients.yml=clients.yaml\nsecretGenerator:\n  - name: auth-env\n    envs:\n      - env.yaml\n');
      r.put('apps/auth/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: auth\n');
      r.put('apps/auth/clients.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: auth-clients\ndata:\n  a: b\n');
      r.put('apps/auth/env.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: env\n');
      r.put('apps/auth/leftover.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: leftover\n');
      const config = parseConfig({});
      const { model } = await scanRepo(r.root, config);
      const notDeployed = analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file);
      expect(notDeployed).toEqual(['apps/auth/leftover.yaml']);
    } finally {
      r.remove();
    }
  });

  it('are not an app page’s storage or secrets (a claim left out was "not backed up")', async () => {
    const r = tempRepo('unlisted-app-page');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps/o11y'));
      r.put('apps/o11y/kustomization.yaml', 'resources:\n  - ./gatus/ks.yaml\n');
      r.put('apps/o11y/gatus/ks.yaml', fluxKustomization('gatus', './apps/o11y/gatus/app', '  targetNamespace: o11y\n'));
      r.put('apps/o11y/gatus/app/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
      r.put('apps/o11y/gatus/app/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: gatus\n');
      r.put('apps/o11y/gatus/app/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: gatus\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n');
      r.put('apps/o11y/gatus/app/externalsecret.yaml', externalSecret('gatus'));
      const { model } = await scanRepo(r.root, parseConfig({}));
      const app = model.apps.find((a) => a.name === 'gatus')!;
      // The objects are the app's (by folder), but not applied: the page leaves them out.
      expect(model.pvcs.map((p) => p.appId)).toEqual([app.id]);
      const facts = appFacts(model, app.id)!;
      expect([facts.storage, facts.backup.status, facts.secrets.externalSecrets]).toEqual([[], 'none', []]);
    } finally {
      r.remove();
    }
  });

  it('a HelmRelease commented out of its folder\'s list, beside a claim that is applied: not the app page\'s chart, images or ingress', async () => {
    const r = tempRepo('unlisted-release');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
      r.put('apps/kustomization.yaml', 'resources:\n  - ./minio\n');
      r.put('apps/minio/kustomization.yaml', 'namespace: default\nresources:\n  - pvc.yaml\n  # - helm-release.yaml\n');
      r.put('apps/minio/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: minio-data\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n');
      r.put('apps/minio/helm-release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: minio\n  namespace: default\nspec:\n  chart:\n    spec:\n      chart: app-template\n      version: 1.2.0\n      sourceRef:\n        kind: HelmRepository\n        name: bjw-s\n  values:\n    image:\n      repository: minio/minio\n      tag: RELEASE.2024\n    ingress:\n      main:\n        enabled: true\n        hosts:\n          - host: minio.example.com\n');
      const config = parseConfig({});
      const { model } = await scanRepo(r.root, config);
      const release = model.helmReleases.find((h) => h.name === 'minio')!;
      expect([release.owner, release.disabled]).toEqual([null, 'unlisted']);
      const app = model.apps.find((a) => a.objects.includes(release.id))!;
      expect(app.notDeployed).toBeNull();
      const facts = appFacts(model, app.id)!;
      expect([facts.charts, facts.images, facts.endpoints]).toEqual([[], [], []]);
      expect(facts.storage.map((s) => s.name)).toEqual(['minio-data']);
      // No runbook asks to suspend or reconcile a release Flux never created.
      const runbooks = analyse(model, config).runbooks;
      expect(JSON.stringify(runbooks)).not.toContain('helmrelease minio');
    } finally {
      r.remove();
    }
  });

  it('a problem in a kustomization.yaml a Flux build reads is kept when its folder\'s app is not deployed (it is often why)', async () => {
    const r = tempRepo('unlisted-missing-entry');
    try {
      r.put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
      r.put('apps/kustomization.yaml', 'resources:\n  - ./op\n');
      // helm-release.yaml was renamed from operator.yaml, and the list was not updated.
      r.put('apps/op/kustomization.yaml', 'resources:\n  - operator.yaml\n');
      r.put('apps/op/helm-release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: op\n  namespace: worklab\nspec:\n  chart:\n    spec:\n      chart: op\n      sourceRef: {kind: HelmRepository, name: x}\n');
      const config = parseConfig({});
      const { model } = await scanRepo(r.root, config);
      const findings = analyse(model, config).findings;
      expect(model.apps.find((a) => a.dir === 'apps/op')?.notDeployed).toContain('Not listed in apps/op/kustomization.yaml');
      // The missing file stops the build that reads this kustomization.yaml (an error, no more a warning).
      expect(findings.filter((f) => f.source.file === 'apps/op/kustomization.yaml').map((f) => `${f.code}:${f.source.line}`)).toEqual(['KUSTOMIZE_FILE_MISSING:2']);
    } finally {
      r.remove();
    }
  });

  it('a cluster root in a file its folder\'s kustomization.yaml leaves out stays live (applied by hand at bootstrap), with its source', async () => {
    const r = tempRepo('unlisted-root');
    try {
      r.put('bootstrap/kustomization.yaml', 'resources:\n  - ns.yaml\n');
      r.put('bootstrap/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n');
      r.put('bootstrap/root.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: https://example.com/x.git\n---\n' + fluxKustomization('flux-system', './apps'));
      r.put('apps/web/kustomization.yaml', 'resources:\n  - d.yaml\n');
      r.put('apps/web/d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n');
      const { model } = await scanRepo(r.root, parseConfig({}));
      const root = model.kustomizations.find((k) => k.name === 'flux-system')!;
      expect([root.isRoot, root.disabled]).toEqual([true, null]);
      expect(model.sources.find((s) => s.name === 'flux-system')?.disabled).toBeNull();
    } finally {
      r.remove();
    }
  });
});
