/**
 * Issue 18: facts several views need are resolved once, when the model is built, and read from it:
 * the default StorageClass, and the app a file belongs to. Small in-memory repositories.
 */
import { describe, expect, it } from 'vitest';
import { withApps } from '../../src/analysis/finding-apps.ts';
import { backupMatrix } from '../../src/analysis/health/backup.ts';
import { dashboardMatrix } from '../../src/analysis/health/dashboards.ts';
import { rotateSopsRunbooks } from '../../src/analysis/runbooks/rotate-sops.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { appOfPath } from '../../src/model/app-of-path.ts';
import { finding } from '../../src/model/finding.ts';
import { buildModel } from '../../src/repo/build/model.ts';
import { parseYamlText } from '../../src/repo/read-yaml.ts';

function model(files: Record<string, string>, other: string[] = []) {
  return buildModel({
    name: 't',
    files: [...Object.keys(files).map((path) => ({ path, kind: 'yaml' as const, size: 1 })), ...other.map((path) => ({ path, kind: 'other' as const, size: 1 }))],
    docs: Object.entries(files).flatMap(([path, text]) => parseYamlText(text, { path, kind: 'yaml' }).docs),
    findings: [],
  });
}
const fluxKs = (name: string, path: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  path: ${path}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
const root = { 'clusters/home/flux.yaml': fluxKs('flux-system', './clusters/home'), 'clusters/home/apps.yaml': fluxKs('apps', './apps') };
const storageClass = (name: string) =>
  `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${name}\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: rancher.io/local-path\n`;
const claim = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: media\nspec:\n  resources:\n    requests:\n      storage: 1Gi\n';

describe('the default StorageClass, resolved when the model is built', () => {
  it('is the StorageClass a Flux build deploys with the is-default-class annotation', () => {
    const m = model({ ...root, 'apps/storage/sc.yaml': storageClass('local-path'), 'apps/media/pvc.yaml': claim });
    expect(m.defaultStorageClass).toEqual({ name: 'local-path', from: 'object', source: expect.objectContaining({ file: 'apps/storage/sc.yaml', line: 1 }) });
    // The backup matrix reads it: the claim without a class is shown on the default class.
    expect(backupMatrix(m).result.rows.find((r) => r.name === 'data')).toMatchObject({ storageClass: null, defaultClass: 'local-path' });
  });

  it('is none where the annotated class is not deployed (no build reaches its folder)', () => {
    const m = model({ ...root, 'old/sc.yaml': storageClass('local-path'), 'apps/media/pvc.yaml': claim });
    expect(m.defaultStorageClass).toBeNull();
    expect(backupMatrix(m).result.rows.find((r) => r.name === 'data')?.defaultClass).toBeNull();
  });

  it('is Longhorn where its chart values mark it default', () => {
    const longhorn =
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: longhorn\n  namespace: longhorn-system\nspec:\n  chart:\n    spec:\n      chart: longhorn\n  values:\n    persistence:\n      defaultClass: true\n';
    expect(model({ ...root, 'apps/storage/longhorn.yaml': longhorn }).defaultStorageClass).toMatchObject({ name: 'longhorn', from: 'values', source: { file: 'apps/storage/longhorn.yaml' } });
  });
});

describe('the app of a file, resolved when the model is built', () => {
  // The tuxpeople layout: kubernetes/flux/apps.yaml (Kustomization apps, path ./kubernetes/apps)
  // sits in the folder the Kustomization cluster builds, so both apps claim kubernetes/flux (and
  // `apps` sorts first); the SOPS file in kubernetes/flux/vars is built by cluster.
  const files = {
    'kubernetes/flux/config/cluster.yaml': fluxKs('cluster', './kubernetes/flux'),
    'kubernetes/flux/apps.yaml': fluxKs('apps', './kubernetes/apps'),
    'kubernetes/flux/vars/cluster-secrets.sops.yaml':
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n  namespace: flux-system\nstringData:\n  DOMAIN: ENC[AES256_GCM,data:ZmFrZQ==,iv:aXY=,tag:dGFn,type:str]\nsops:\n  age:\n    - recipient: age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq\n      enc: x\n  lastmodified: "2025-01-01T00:00:00Z"\n  mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]\n  version: 3.9.4\n',
    'kubernetes/apps/media/plex/ks.yaml': fluxKs('plex', './kubernetes/apps/media/plex/app'),
    'kubernetes/apps/media/plex/app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plex\n  namespace: media\n',
  };
  const m = model(files, ['kubernetes/apps/media/plex/app/dashboards/plex-dashboard.json']);
  const appOf = (path: string) => m.files.find((f) => f.path === path)?.appId ?? null;

  it('a file whose objects one app builds belongs to that app, whichever folders other apps claim', () => {
    expect(m.apps.map((a) => a.id)).toEqual(expect.arrayContaining(['flux-system/apps', 'flux-system/cluster', 'media/plex']));
    expect(appOf('kubernetes/flux/vars/cluster-secrets.sops.yaml')).toBe('flux-system/cluster');
    expect(m.sopsFiles.map((s) => [s.file, s.appId])).toEqual([['kubernetes/flux/vars/cluster-secrets.sops.yaml', 'flux-system/cluster']]);
  });

  it('a file without objects belongs to the app whose folder holds it; one outside every app to none', () => {
    expect(appOf('kubernetes/apps/media/plex/app/dashboards/plex-dashboard.json')).toBe('media/plex');
    expect(appOfPath(m)('docs/notes.md')).toBeNull();
    expect(appOfPath(m)('kubernetes/apps/media/plex/app/new-file.yaml')).toBe('media/plex');
  });

  it('every view reads that answer: app page, dashboards, findings, rotation runbooks', () => {
    expect(appFacts(m, 'flux-system/cluster')!.secrets.sops.map((s) => s.file)).toEqual(['kubernetes/flux/vars/cluster-secrets.sops.yaml']);
    expect(appFacts(m, 'flux-system/apps')!.secrets.sops).toEqual([]);
    expect(dashboardMatrix(m).result.dashboards.find((d) => d.kind === 'json-file')?.appId).toBe('media/plex');
    const f = finding('SOPS_MISSING_RECIPIENTS', 'warning', 'x', { file: 'kubernetes/flux/vars/cluster-secrets.sops.yaml', line: 1, col: 1 }, { area: 'secrets' });
    expect(withApps([f], m)[0]!.appId).toBe('flux-system/cluster');
    expect(rotateSopsRunbooks(m).find((r) => r.id === 'rotate:sops:kubernetes/flux/vars/cluster-secrets.sops.yaml')?.appId).toBe('flux-system/cluster');
  });
});
