import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countModel } from '../../src/analysis/counts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo, type ReadCache } from '../../src/repo/scan.ts';
import { at } from '../../src/model/values.ts';
import { FIXTURES, fluxBuildOf, scanFixture } from './scan-fixture.ts';

describe('home-ops layout (ks.yaml per app, namespace from the parent kustomization.yaml)', async () => {
  const model = await scanFixture('home-ops');
  const ks = (name: string) => model.kustomizations.find((k) => k.name === name)!;
  const hr = (name: string) => model.helmReleases.find((h) => h.name === name)!;

  it('inherits the Flux Kustomization namespace from the kustomization.yaml that lists its ks.yaml', () => {
    expect(ks('postgres').namespace).toBe('database');
    expect(ks('jellyfin').namespace).toBe('media');
    expect(ks('cluster-apps').namespace).toBe('flux-system');
  });

  it('defaults a dependsOn namespace to the dependent Kustomization\'s own, as Flux does', () => {
    const deps = ks('jellyfin').dependsOn.map((d) => `${d.namespace}/${d.name}:${d.explicitNamespace}`);
    expect(deps).toEqual(['media/postgres:false', 'storage/longhorn:true']);
    // The entry's own line, not the document's.
    expect(ks('jellyfin').dependsOn[0]!.source).toMatchObject({ file: 'kubernetes/apps/media/jellyfin/ks.yaml', line: 9 });
  });

  it('marks roots and what they reach', () => {
    expect(ks('cluster-apps').isRoot).toBe(true);
    expect(ks('postgres').reachedFromRoot).toBe(true);
    expect(ks('postgres').owner).toBe('Kustomization/flux-system/cluster-apps');
  });

  it('applies targetNamespace to the objects a Kustomization deploys', () => {
    expect(hr('postgres').namespace).toBe('database');
    expect(hr('jellyfin').namespace).toBe('media');
  });

  it('applies the root\'s nested patches: HelmRelease defaults injected through child Kustomizations', async () => {
    // cluster-apps patches every child Kustomization with a patch of its own, which patches every
    // HelmRelease that child deploys (install.remediation.retries, upgrade.cleanupOnFail).
    expect(ks('postgres').patches).toBe(1);
    expect(ks('jellyfin').patches).toBe(1);
    const built = await fluxBuildOf('home-ops');
    const releases = built.objects.filter((o) => o.kind === 'HelmRelease');
    expect(releases.map((o) => `${o.ns}/${at(o.body, 'metadata.name')}`).sort()).toEqual(['database/postgres', 'media/jellyfin', 'storage/longhorn']);
    for (const o of releases) {
      expect(o.raw.value, `${o.file} as written has no install/upgrade`).not.toHaveProperty('spec.install');
      expect(at(o.body, 'spec.install.remediation.retries'), o.file).toBe(-1);
      expect(at(o.body, 'spec.upgrade.cleanupOnFail'), o.file).toBe(true);
    }
  });

  it('substitutes postBuild variables from substitute and ConfigMaps, and leaves Secret-backed ones', () => {
    const pvc = model.pvcs.find((p) => p.origin === 'manifest')!;
    expect(pvc.name).toBe('postgres-data');
    expect(pvc.namespace).toBe('database');
    const dbHosts = model.endpoints.find((e) => e.id.startsWith('HelmRelease/database/postgres#'))!;
    expect(dbHosts.hosts).toEqual(['db.home.example.org']);
  });

  it('reads chart and version from chartRef (OCIRepository) and chart.spec (HelmRepository)', () => {
    expect(hr('postgres').chart).toMatchObject({ via: 'chartRef', name: 'postgresql', version: '16.4.1', url: 'oci://registry-1.docker.io/bitnamicharts/postgresql' });
    expect(hr('jellyfin').chart).toMatchObject({ via: 'chart', name: 'app-template', version: '3.5.1' });
  });

  it('merges values from a configMapGenerator values file (valuesFrom) and finds app-template images', () => {
    const j = hr('jellyfin');
    expect(j.valuesFrom).toEqual([{ kind: 'ConfigMap', name: 'jellyfin-values', valuesKey: null, found: true, line: 16 }]);
    expect(j.appTemplate).toBe(true);
    expect(j.images.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ghcr.io/jellyfin/jellyfin:10.10.3']);
    expect(j.images[0]!.digest).toBe('sha256:0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('records existingClaim references and monitors enabled in values', () => {
    expect(model.monitors.map((m) => m.id)).toEqual(['HelmRelease/storage/longhorn#metrics.serviceMonitor']);
  });

  it('groups Kustomizations of one folder into one app and objects into their apps', () => {
    expect(model.apps.map((a) => a.id)).toEqual(['database/postgres', 'flux-system/cluster', 'media/jellyfin', 'storage/longhorn']);
    const longhorn = model.apps.find((a) => a.id === 'storage/longhorn')!;
    expect(longhorn.kustomizations).toEqual(['Kustomization/storage/longhorn', 'Kustomization/storage/longhorn-config']);
    expect(longhorn.objects).toContain('RecurringJob/storage/daily-backup');
    expect(longhorn.readme).toBe('kubernetes/apps/storage/longhorn/README.md');
  });

  it('keeps a commented-out Kustomization as a disabled object of its app', () => {
    const extras = ks('jellyfin-extras');
    expect(extras.disabled).toBe('commented');
    expect(extras.appId).toBe('media/jellyfin');
    expect(countModel(model).fluxKustomizations).toBe(6);
    expect(countModel(model).states.fluxKustomizations.disabled).toBe(1);
  });

  it('drops secret values at read time and reports literal credentials by path and line', () => {
    const json = JSON.stringify(model);
    expect(json).not.toContain('hunter2-canary-literal');
    expect(json).not.toContain('canary-values-file-literal');
    expect(json).not.toContain('Zm9vYmFyYmF6');
    const creds = model.findings.filter((f) => f.code === 'HARDCODED_CREDENTIAL').map((f) => `${f.source.file}:${f.source.line}`);
    expect(creds).toContain('kubernetes/apps/database/postgres/app/helmrelease.yaml:15');
    expect(creds).toContain('kubernetes/apps/media/jellyfin/app/helm-values.yaml:10');
  });

  it('lists SOPS files with recipients and no encrypted material', () => {
    expect(model.sopsFiles).toHaveLength(1);
    const f = model.sopsFiles[0]!;
    expect(f.file).toBe('kubernetes/flux/vars/cluster-secrets.sops.yaml');
    expect(f.meta.age).toEqual(['age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq5']);
    expect(f.documents[0]).toMatchObject({ kind: 'Secret', name: 'cluster-secrets', keys: ['SECRET_DOMAIN'] });
    expect(JSON.stringify(model)).not.toContain('BEGIN AGE ENCRYPTED FILE');
  });

  it('is deterministic: two scans give the same bytes', async () => {
    const again = await scanRepo(join(FIXTURES, 'home-ops'), parseConfig({}));
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(model));
  });
});

describe('Flux spec.components: a shared component instantiated per Kustomization', async () => {
  const model = await scanFixture('home-ops');

  it('gives each Kustomization its own copy of the component documents, substituted with its variables', () => {
    const pvc = model.pvcs.find((p) => p.id === 'PersistentVolumeClaim/media/jellyfin')!;
    expect(pvc).toMatchObject({ size: '5Gi', storageClass: 'longhorn', appId: 'media/jellyfin', owner: 'Kustomization/media/jellyfin' });
    // The copy points at the component's own file and line, where a reader finds the template.
    expect(pvc.source).toMatchObject({ file: 'kubernetes/components/volsync/pvc.yaml', line: 1 });
    const rs = model.backupObjects.find((b) => b.kind === 'ReplicationSource' && b.namespace === 'media')!;
    expect(rs).toMatchObject({ name: 'jellyfin', sourcePvc: 'jellyfin', repository: 'jellyfin-volsync-secret', appId: 'media/jellyfin' });
  });

  it('counts the component documents once, as documents of the repository', () => {
    // postgres-data (a manifest) and the component template: 2 PVC documents.
    expect(countModel(model).pvcs).toBe(2);
  });
});

describe('the dev read cache', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  /** A copy of the home-ops fixture to change, its longhorn HelmRelease, and a scan of it with one read cache. */
  const devCopy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-cache-'));
    made.push(dir);
    cpSync(join(FIXTURES, 'home-ops'), dir, { recursive: true });
    const cache: ReadCache = new Map();
    const hr = join(dir, 'kubernetes/apps/storage/longhorn/app/helmrelease.yaml');
    const scan = async () => (await scanRepo(dir, parseConfig({}), { cache })).model;
    const longhorn = (model: Awaited<ReturnType<typeof scan>>) => model.helmReleases.find((h) => h.name === 'longhorn')!.chart.version;
    return { dir, cache, hr, scan, longhorn };
  };

  it('re-reads only a changed file and gives the same model as a cold scan', async () => {
    const { dir, cache, hr, scan, longhorn } = devCopy();
    const first = await scan();
    const entries = new Map(cache);
    writeFileSync(hr, readFileSync(hr, 'utf8').replace('version: 1.7.2', 'version: 1.7.3'));
    utimesSync(hr, new Date(), new Date(Date.now() + 5_000));
    const second = await scan();
    // Only the edited file was read again: every other entry is the very same object.
    const changed = [...cache].filter(([k, v]) => entries.get(k) !== v).map(([k]) => k.slice(dir.length + 1));
    expect(changed).toEqual(['kubernetes/apps/storage/longhorn/app/helmrelease.yaml']);
    expect(longhorn(second)).toBe('1.7.3');
    const cold = await scanRepo(dir, parseConfig({}));
    expect(JSON.stringify(second)).toBe(JSON.stringify(cold.model));
    expect(longhorn(first)).toBe('1.7.2');
  });

  it('reads a symlinked file again when the link is moved to another file of the same mtime and size', async () => {
    const { dir, hr, scan, longhorn } = devCopy();
    // Two versions of the HelmRelease beside the app, as shared files are kept; the app links to one.
    const text = readFileSync(hr, 'utf8');
    writeFileSync(join(dir, 'hr-a.txt'), text);
    writeFileSync(join(dir, 'hr-b.txt'), text.replace('version: 1.7.2', 'version: 1.7.3'));
    const when = new Date('2026-01-01T00:00:00Z');
    for (const f of ['hr-a.txt', 'hr-b.txt']) utimesSync(join(dir, f), when, when);
    expect(statSync(join(dir, 'hr-a.txt')).size).toBe(statSync(join(dir, 'hr-b.txt')).size);
    rmSync(hr);
    symlinkSync('../../../../../hr-a.txt', hr);
    expect(longhorn(await scan())).toBe('1.7.2');
    // A checkout moves the link: same mtime and size on the other side, another file.
    rmSync(hr);
    symlinkSync('../../../../../hr-b.txt', hr);
    expect(longhorn(await scan())).toBe('1.7.3');
  });
});
