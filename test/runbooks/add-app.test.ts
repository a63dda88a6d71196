import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { analyse } from '../../src/analysis/index.ts';
import { detectAppLayout } from '../../src/analysis/runbooks/add-app-detect.ts';
import { addAppRunbook } from '../../src/analysis/runbooks/add-app.ts';
import { choose } from '../../src/analysis/runbooks/tally.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import { code, HOMELAB, load } from './load.ts';

describe('add-app skeleton from examples/homelab', async () => {
  const { model } = await load(HOMELAB);
  const layout = detectAppLayout(model);

  it('detects the home-ops layout and the majority ks.yaml values (EXPECTED.md counts)', () => {
    expect(layout.root.chosen).toBe('kubernetes/apps');
    expect(layout.ksFile.chosen).toBe('ks.yaml');
    expect(layout.subdir.chosen).toBe('app');
    // interval: 30m x28, 1h x10 over all 38; the apps' main Kustomizations keep the majority.
    expect(layout.ks.interval.chosen).toBe('30m');
    expect(layout.ks.interval.counts[0]!.n).toBeGreaterThan(layout.ks.interval.counts[1]!.n);
    expect(layout.ks.timeout.chosen).toBe('5m');
    expect(layout.ks.prune.chosen).toBe('true');
    expect(layout.ks.namespace.chosen).toBe('flux-system');
    expect(layout.ks.targetNamespace.chosen).toBe('the app namespace');
    expect(layout.chart.source.chosen).toBe('OCIRepository oci://ghcr.io/bjw-s-labs/helm/app-template');
    expect(layout.chart.version.chosen).toBe('4.2.0');
    expect(layout.dependsOn.usual.map((d) => d.value)).toContain('flux-system/kyverno-policies');
    expect(layout.registerIn).toContain('kubernetes/apps/media/kustomization.yaml');
  });

  it('the skeleton is valid YAML built from those choices', () => {
    const r = addAppRunbook(model);
    const blocks = r.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'code' && b.lang === 'yaml');
    const ks = blocks.find((b) => b.type === 'code' && b.caption === 'kubernetes/apps/<namespace>/<app>/ks.yaml');
    const doc = parse(ks!.type === 'code' ? ks!.code : '');
    expect(doc).toMatchObject({ kind: 'Kustomization', metadata: { name: '<app>', namespace: 'flux-system' }, spec: { interval: '30m', timeout: '5m', prune: true, targetNamespace: '<namespace>', path: './kubernetes/apps/<namespace>/<app>/app' } });
    const oci = blocks.find((b) => b.type === 'code' && b.caption?.endsWith('ocirepository.yaml'));
    expect(parse(oci!.type === 'code' ? oci!.code : '')).toMatchObject({ spec: { url: 'oci://ghcr.io/bjw-s-labs/helm/app-template', ref: { tag: '4.2.0' } } });
    // The folder lists the OCIRepository it adds, or Flux never applies it.
    const kustomization = blocks.find((b) => b.type === 'code' && b.caption === 'kubernetes/apps/<namespace>/<app>/app/kustomization.yaml');
    expect(parse(kustomization!.type === 'code' ? kustomization!.code : '').resources).toContain('./ocirepository.yaml');
  });

  it('where a namespace folder sets namespace: (media, ai), the skeleton still finds its source and dependencies, and step 3 says where it lands', () => {
    const r = addAppRunbook(model);
    const ks = r.sections.flatMap((s) => s.blocks).find((b) => b.type === 'code' && b.caption === 'kubernetes/apps/<namespace>/<app>/ks.yaml');
    const doc = parse(ks!.type === 'code' ? ks!.code : '');
    // Moved into media, a sourceRef or dependsOn without a namespace would look in media.
    expect(doc.spec.sourceRef.namespace).toBe('flux-system');
    expect(doc.spec.dependsOn).toContainEqual({ name: 'kyverno-policies', namespace: 'flux-system' });
    const deploy = JSON.stringify(r.sections.find((s) => s.slug === 'deploy'));
    expect(deploy).toContain('kubernetes/apps/media/kustomization.yaml');
    expect(deploy).toContain('kustomize puts the Kustomization in that namespace');
  });
});

describe('majority choice', () => {
  it('picks the most common value, ties to the first in sort order, and keeps the counts', () => {
    expect(choose('x', ['1h', '30m', '30m', '5m'])).toEqual({ what: 'x', chosen: '30m', counts: [{ value: '30m', n: 2 }, { value: '1h', n: 1 }, { value: '5m', n: 1 }], total: 4 });
    expect(choose('x', ['b', 'a']).chosen).toBe('a');
    expect(choose('x', []).chosen).toBeNull();
  });
});

/**
 * jfrazx/home-ops's shape (outside review): every namespace folder's kustomization.yaml sets
 * `namespace:`, which moves the ks.yaml files written in flux-system into the app's namespace, their
 * sourceRef naming flux-system; app-template is reached three ways, and one app holds two releases of
 * one chart. The skeleton must land where `flux reconcile` looks, find its source, and reference its
 * chart the way the table says.
 */
describe('add-app skeleton where the namespace folders set namespace:', () => {
  const repo = tempRepos(afterAll);
  const appKs = (name: string, ns: string, writtenNs: string | null) =>
    `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n${writtenNs ? `  namespace: ${writtenNs}\n` : ''}spec:\n  targetNamespace: ${ns}\n  interval: 1h\n  path: ./kubernetes/apps/${ns}/${name}/app\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n`;
  const release = (name: string, chart: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n${chart}`;
  const chartRef = '  chartRef:\n    kind: OCIRepository\n    name: app-template\n    namespace: flux-system\n';
  const chartSpec = (chart: string, source: string) => `  chart:\n    spec:\n      chart: ${chart}\n      version: 0.15.0\n      sourceRef:\n        kind: HelmRepository\n        name: ${source}\n        namespace: flux-system\n`;
  const ownOci = '  chartRef:\n    kind: OCIRepository\n    name: immich\n';
  // app-template three ways: the shared OCIRepository, one of the app's own, the OCI HelmRepository.
  const apps: Record<string, Record<string, string>> = {
    media: { abs: release('abs', chartRef), immich: release('immich', ownOci) },
    auth: { lldap: release('lldap', chartSpec('lldap', 'lldap')), authentik: release('authentik', chartSpec('authentik', 'authentik')) },
    // Two releases of one chart in one app's file: one app's choice.
    storage: { 'democratic-csi': `${release('csi-nfs', chartSpec('democratic-csi', 'democratic-csi'))}---\n${release('csi-smb', chartSpec('democratic-csi', 'democratic-csi'))}`, minio: release('minio', chartSpec('app-template', 'bjw-s')) },
  };

  function homeOps() {
    const r = repo('add-app-namespace-folders');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('cluster-apps', './kubernetes/apps'));
    r.put('kubernetes/flux/repos.yaml', [
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: app-template\n  namespace: flux-system\nspec:\n  interval: 15m\n  ref:\n    tag: 4.4.0\n  url: oci://ghcr.io/bjw-s-labs/helm/app-template\n',
      ...['democratic-csi', 'authentik', 'lldap'].map((n) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${n}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://charts.example.org/${n}\n`),
      'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: bjw-s\n  namespace: flux-system\nspec:\n  interval: 1h\n  type: oci\n  url: oci://ghcr.io/bjw-s-labs/helm\n',
    ].join('---\n'));
    r.put('clusters/prod/repos.yaml', fluxKustomization('cluster-repos', './kubernetes/flux'));
    r.put('kubernetes/apps/kustomization.yaml', `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${Object.keys(apps).map((ns) => `  - ./${ns}\n`).join('')}`);
    for (const [ns, releases] of Object.entries(apps)) {
      const names = Object.keys(releases);
      r.put(`kubernetes/apps/${ns}/kustomization.yaml`, `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ${ns}\nresources:\n${names.map((a) => `  - ./${a}/ks.yaml\n`).join('')}`);
      // Written in flux-system, as most of jfrazx's are; storage's written in their own namespace.
      for (const a of names) {
        r.put(`kubernetes/apps/${ns}/${a}/ks.yaml`, appKs(a, ns, ns === 'storage' ? ns : 'flux-system'));
        r.put(`kubernetes/apps/${ns}/${a}/app/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n');
        r.put(`kubernetes/apps/${ns}/${a}/app/helmrelease.yaml`, releases[a]!);
      }
    }
    r.put('kubernetes/apps/media/immich/app/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ./helmrelease.yaml\n  - ./ocirepository.yaml\n');
    r.put('kubernetes/apps/media/immich/app/ocirepository.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: immich\nspec:\n  interval: 15m\n  ref:\n    tag: 4.4.0\n  url: oci://ghcr.io/bjw-s-labs/helm/app-template\n');
    return r;
  }

  const yamlOf = (rb: Runbook, caption: string) => {
    const b = rb.sections.flatMap((s) => s.blocks).find((x) => x.type === 'code' && x.caption === caption);
    return b?.type === 'code' ? b.code : '';
  };

  it('counts the chart once per app and by its name, and references it as the table says', async () => {
    const r = homeOps();
    const { model } = await load(r.root);
    const rb = addAppRunbook(model);
    // The table's chart reference and the skeleton's agree.
    const table = rb.sections[0]!.blocks.find((b) => b.type === 'table');
    const rows = table?.type === 'table' ? table.rows.map((row) => row.map((cell) => cell.map((x) => (typeof x === 'string' ? x : 'code' in x ? x.code : x.text)).join(''))) : [];
    expect(rows.find((row) => row[0]!.startsWith('chart reference'))?.[1]).toBe('chartRef');
    const hr = parse(yamlOf(rb, 'kubernetes/apps/<namespace>/<app>/app/helmrelease.yaml'));
    expect(hr.spec.chart).toBeUndefined();
    expect(hr.spec.chartRef).toEqual({ kind: 'OCIRepository', name: 'app-template', namespace: 'flux-system' });
    const l = detectAppLayout(model);
    expect(l.chart.name.counts.slice(0, 2)).toEqual([{ value: 'app-template', n: 3 }, { value: 'authentik', n: 1 }]);
    expect(l.chart.name.counts).toContainEqual({ value: 'democratic-csi', n: 1 });
    expect(l.chart.via.counts).toEqual([{ value: 'chartRef', n: 2 }, { value: 'chart', n: 1 }]);
  });

  it('lands where flux reconcile looks, and finds its source there (kubectl kustomize and the scan agree)', async () => {
    const r = homeOps();
    const rb = addAppRunbook((await load(r.root)).model);
    const fill = (text: string) => text.replaceAll('<namespace>', 'media').replaceAll('<app>', 'jellyfin').replace(/^---\n/, '');
    // Where step 3 looks for it.
    const reconcileNs = /-n (\S+)/.exec(fill(code(rb).split('\n').find((line) => line.startsWith('flux reconcile kustomization'))!))![1];
    // Add the app as the runbook says, then build the namespace folder.
    r.put('kubernetes/apps/media/jellyfin/ks.yaml', fill(yamlOf(rb, 'kubernetes/apps/<namespace>/<app>/ks.yaml')));
    r.put('kubernetes/apps/media/jellyfin/app/kustomization.yaml', fill(yamlOf(rb, 'kubernetes/apps/<namespace>/<app>/app/kustomization.yaml')));
    r.put('kubernetes/apps/media/jellyfin/app/helmrelease.yaml', fill(yamlOf(rb, 'kubernetes/apps/<namespace>/<app>/app/helmrelease.yaml')));
    r.put('kubernetes/apps/media/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: media\nresources:\n  - ./abs/ks.yaml\n  - ./immich/ks.yaml\n  - ./jellyfin/ks.yaml\n');
    const built = kubectlKustomize(join(r.root, 'kubernetes/apps/media'));
    if (built !== 'absent') {
      expect(built).not.toBe('failed');
      const ks = parseAllDocuments(built === 'failed' ? '' : built.output).map((d) => d.toJS()).find((d) => d.kind === 'Kustomization' && d.metadata.name === 'jellyfin');
      expect(ks.metadata.namespace).toBe(reconcileNs);
      expect(ks.spec.sourceRef.namespace ?? ks.metadata.namespace).toBe('flux-system');
    }
    const { model, config } = await load(r.root);
    expect(model.kustomizations.map((k) => k.id)).toContain(`Kustomization/${reconcileNs}/jellyfin`);
    const missing = analyse(model, config).findings.filter((f) => f.source.file.startsWith('kubernetes/apps/media/jellyfin/') && /SOURCE_MISSING|NOT_FOUND/.test(f.code));
    expect(missing).toEqual([]);
  });
});

