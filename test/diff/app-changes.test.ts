/**
 * What else of an app changed, beyond a version of the same chart or image: each commit of a small
 * history diffed against its parent. Outside review (onedr0p's history): a commit that removed
 * rook-ceph-cluster's `cephImage` was "No change to the cluster", and multus moving from bjw-s-labs'
 * OCI chart 1.3.2 to home-operations' 0.1.0 was "a major downgrade".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffAtlases } from '../../src/lib/diff/index.ts';
import { renderMarkdown } from '../../src/lib/diff/markdown.ts';
import { DiffReportSchema, type DiffReport } from '../../src/lib/diff/schema.ts';
import { gitWorkTree, hasGit } from '../support/git-repo.ts';
import { fluxKustomization, helmRelease, helmRepository } from '../support/temp-repo.ts';
import { atlasAt } from './atlas-at.ts';

const ks = (name: string, ns: string, spec = '') => fluxKustomization(name, `./apps/${ns}/${name}/app`, `  targetNamespace: ${ns}\n${spec}`);
const list = (...files: string[]) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${files.map((f) => `  - ./${f}\n`).join('')}`;

/** An OCIRepository of a chart, and a HelmRelease of it by chartRef (as onedr0p's and bjw-s' repositories write them). */
const ociRepository = (name: string, url: string, tag: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\nspec:\n  interval: 15m\n  layerSelector:\n    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip\n    operation: copy\n  ref:\n    tag: ${tag}\n  url: ${url}\n`;
const chartRefRelease = (name: string, values: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n  interval: 1h\n  values:\n${values}`;

const cephValues = (cephImage: boolean) =>
  `${cephImage ? '    cephImage:\n      repository: quay.io/ceph/ceph\n      tag: v19.2.6\n' : ''}    cephClusterSpec:\n      dashboard:\n        enabled: true\n`;

const webValues = (o: { tag?: string; repository?: string; memory?: string; size?: string } = {}) =>
  `    image:\n      repository: ${o.repository ?? 'ghcr.io/example/web'}\n      tag: ${o.tag ?? '1.0.0'}\n    resources:\n      limits:\n        memory: ${o.memory ?? '512Mi'}\n    persistence:\n      config:\n        enabled: true\n        size: ${o.size ?? '1Gi'}\n`;

const ingress = (hosts: string[]) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: internal\n  rules:\n${hosts.map((h) => `    - host: ${h}\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n`).join('')}`;

const clusterIssuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: letsencrypt\nspec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n    privateKeySecretRef:\n      name: letsencrypt\n    solvers:\n      - dns01:\n          cloudflare: {}\n';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  A: b\n';

const SUBJECTS = ['initial', 'drop cephImage', 'multus and snapshot-controller move to other charts', 'web image from a fork, same tag', 'retune web', 'a ConfigMap for web, a ClusterIssuer at the root', 'bump web within its chart'] as const;

describe.skipIf(!hasGit)('atlas diff: images, charts, values, hosts, volumes, settings and objects of apps', () => {
  const top = mkdtempSync(join(tmpdir(), 'atlas-diff-app-changes-'));
  const reports = new Map<string, DiffReport>();
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  beforeAll(async () => {
    const { git, write, commit } = gitWorkTree(top);
    git(['init', '-q', '-b', 'main']);
    write('clusters/prod/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/prod'));
    write('clusters/prod/repositories.yaml', `${helmRepository('charts', 'https://charts.example.org')}---\n${helmRepository('home-operations', 'oci://ghcr.io/home-operations/charts')}`);
    write('clusters/prod/apps.yaml', `${ks('rook-ceph-cluster', 'rook-ceph')}---\n${ks('multus', 'kube-system')}---\n${ks('snapshot-controller', 'kube-system')}---\n${ks('web', 'default')}`);
    write('apps/rook-ceph/rook-ceph-cluster/app/kustomization.yaml', list('ocirepository.yaml', 'helmrelease.yaml'));
    write('apps/rook-ceph/rook-ceph-cluster/app/ocirepository.yaml', ociRepository('rook-ceph-cluster', 'oci://ghcr.io/rook/rook-ceph-cluster', 'v1.20.5'));
    write('apps/rook-ceph/rook-ceph-cluster/app/helmrelease.yaml', chartRefRelease('rook-ceph-cluster', cephValues(true)));
    write('apps/kube-system/multus/app/kustomization.yaml', list('ocirepository.yaml', 'helmrelease.yaml'));
    write('apps/kube-system/multus/app/ocirepository.yaml', ociRepository('multus', 'oci://ghcr.io/bjw-s-labs/helm/multus', '1.3.2'));
    write('apps/kube-system/multus/app/helmrelease.yaml', chartRefRelease('multus', '    cni:\n      binPath: /opt/cni/bin\n'));
    write('apps/kube-system/snapshot-controller/app/kustomization.yaml', list('helmrelease.yaml'));
    write('apps/kube-system/snapshot-controller/app/helmrelease.yaml', helmRelease({ name: 'snapshot-controller', version: '5.1.1', values: '    replicaCount: 2\n' }));
    write('apps/default/web/app/kustomization.yaml', list('helmrelease.yaml', 'ingress.yaml'));
    write('apps/default/web/app/helmrelease.yaml', helmRelease({ name: 'web', chart: 'app-template', version: '2.0.0', values: webValues() }));
    write('apps/default/web/app/ingress.yaml', ingress(['web.example.org']));
    commit(SUBJECTS[0], '2024-01-01T00:00:00Z');

    write('apps/rook-ceph/rook-ceph-cluster/app/helmrelease.yaml', chartRefRelease('rook-ceph-cluster', cephValues(false)));
    commit(SUBJECTS[1], '2024-01-02T00:00:00Z');

    write('apps/kube-system/multus/app/ocirepository.yaml', ociRepository('multus', 'oci://ghcr.io/home-operations/charts/multus', '0.1.0'));
    write('apps/kube-system/snapshot-controller/app/helmrelease.yaml', helmRelease({ name: 'snapshot-controller', version: '0.1.0', source: 'home-operations', values: '    replicaCount: 2\n' }));
    commit(SUBJECTS[2], '2024-01-03T00:00:00Z');

    write('apps/default/web/app/helmrelease.yaml', helmRelease({ name: 'web', chart: 'app-template', version: '2.0.0', values: webValues({ repository: 'ghcr.io/fork/web' }) }));
    commit(SUBJECTS[3], '2024-01-04T00:00:00Z');

    write('clusters/prod/apps.yaml', `${ks('rook-ceph-cluster', 'rook-ceph')}---\n${ks('multus', 'kube-system')}---\n${ks('snapshot-controller', 'kube-system')}---\n${ks('web', 'default', '  suspend: true\n  retryInterval: 2m\n  decryption:\n    provider: sops\n    secretRef:\n      name: sops-age\n')}`);
    write('apps/default/web/app/helmrelease.yaml', helmRelease({ name: 'web', chart: 'app-template', version: '2.0.0', values: webValues({ repository: 'ghcr.io/fork/web', memory: '1Gi', size: '5Gi' }) }));
    write('apps/default/web/app/ingress.yaml', ingress(['web.example.org', 'www.example.org']));
    commit(SUBJECTS[4], '2024-01-05T00:00:00Z');

    write('apps/default/web/app/configmap.yaml', configMap);
    write('apps/default/web/app/kustomization.yaml', list('helmrelease.yaml', 'ingress.yaml', 'configmap.yaml'));
    write('clusters/prod/cluster-issuer.yaml', clusterIssuer);
    commit(SUBJECTS[5], '2024-01-06T00:00:00Z');

    write('apps/default/web/app/helmrelease.yaml', helmRelease({ name: 'web', chart: 'app-template', version: '2.1.0', values: webValues({ repository: 'ghcr.io/fork/web', tag: '1.0.1', memory: '1Gi', size: '5Gi' }) }));
    commit(SUBJECTS[6], '2024-01-07T00:00:00Z');

    const atlases = [];
    for (let i = SUBJECTS.length - 1; i >= 0; i--) atlases.push(await atlasAt(top, `HEAD~${i}`));
    const rev = { rev: null, sha: null };
    for (let i = 1; i < SUBJECTS.length; i++) reports.set(SUBJECTS[i]!, DiffReportSchema.parse(diffAtlases(atlases[i - 1]!, atlases[i]!, { base: rev, head: rev })));
  });

  const at = (s: (typeof SUBJECTS)[number]) => reports.get(s)!;
  const changes = (d: DiffReport) => d.changes.map((c) => [c.appId, c.area, c.change, c.detail]);

  it('an image removed from a release\'s values is a change, never "No change to the cluster"', () => {
    const d = at('drop cephImage');
    expect(changes(d)).toEqual([['rook-ceph/rook-ceph-cluster', 'image', 'removed', 'quay.io/ceph/ceph:v19.2.6 (cephImage of HelmRelease/rook-ceph/rook-ceph-cluster)']]);
    expect(d.changes[0]).toMatchObject({ from: 'quay.io/ceph/ceph:v19.2.6', to: null, file: 'apps/rook-ceph/rook-ceph-cluster/app/helmrelease.yaml' });
    expect(d.versions).toEqual([]);
    expect(d.verdict).toBe('1 image removed.');
  });

  it('a chart from another source (an OCIRepository URL, a HelmRepository): its source, and no version compared across charts', () => {
    const d = at('multus and snapshot-controller move to other charts');
    expect(d.versions).toEqual([]);
    expect(d.changes.map((c) => [c.appId, c.area, c.change, c.from, c.to])).toEqual([
      ['kube-system/multus', 'chart', 'source changed', 'oci://ghcr.io/bjw-s-labs/helm/multus 1.3.2', 'oci://ghcr.io/home-operations/charts/multus 0.1.0'],
      ['kube-system/snapshot-controller', 'chart', 'source changed', 'https://charts.example.org chart snapshot-controller 5.1.1', 'oci://ghcr.io/home-operations/charts chart snapshot-controller 0.1.0'],
    ]);
    expect(d.changes[0]!.detail).toMatch(/^chart source changed: /);
    expect(d.verdict).toBe('2 chart sources changed.');
    expect(renderMarkdown(d)).toContain('| kube-system/multus | chart source changed | chart source changed: oci://ghcr.io/bjw-s-labs/helm/multus 1.3.2 -&gt; oci://ghcr.io/home-operations/charts/multus 0.1.0');
  });

  it('the same tag from another image repository is a change of source, not nothing', () => {
    const d = at('web image from a fork, same tag');
    expect(changes(d)).toEqual([['default/web', 'image', 'source changed', 'image source changed: ghcr.io/example/web:1.0.0 -> ghcr.io/fork/web:1.0.0 (image of HelmRelease/default/web; another image: tags not compared)']]);
    expect(d.versions).toEqual([]);
    expect(d.verdict).toBe('1 image source changed.');
  });

  it('values, a Flux setting, a host and a volume of an app: each said, values by path only', () => {
    const d = at('retune web');
    expect(changes(d)).toEqual([
      ['default/web', 'values', 'changed', 'values of HelmRelease/default/web: persistence.config.size, resources.limits.memory'],
      ['default/web', 'flux', 'changed', 'Kustomization/flux-system/web: suspend false -> true, retryInterval (unset) -> 2m, decryption (unset) -> sops, keys from Secret sops-age'],
      ['default/web', 'endpoint', 'changed', 'Ingress/web: host www.example.org added'],
      ['default/web', 'volume', 'changed', 'volume web-config: size 1Gi -> 5Gi'],
    ]);
    // (The suspended Kustomization's info note is counted too, as fixed findings are.)
    expect(d.findings.introduced.map((f) => f.code)).toEqual(['FLUX_SUSPENDED']);
    expect(d.verdict).toBe('Values of 1 HelmRelease changed, Flux settings of 1 object changed, 1 endpoint changed, 1 volume changed, 1 new info note.');
  });

  it('an object added to an app, and one to the cluster root\'s own, are changes', () => {
    const d = at('a ConfigMap for web, a ClusterIssuer at the root');
    expect(d.changes.map((c) => [c.appId, c.area, c.change, c.subject])).toEqual([
      ['default/web', 'object', 'added', 'ConfigMap/default/web-config'],
      ['flux-system/flux-system', 'object', 'added', 'ClusterIssuer/_cluster/letsencrypt'],
    ]);
    expect(d.verdict).toBe('2 objects added.');
  });

  it('a version update within one chart and one image is a version update only', () => {
    const d = at('bump web within its chart');
    expect(d.versions.map((v) => [v.kind, v.name, v.from, v.to, v.update])).toEqual([
      ['chart', 'app-template', '2.0.0', '2.1.0', 'minor'],
      ['image', 'ghcr.io/fork/web', '1.0.0', '1.0.1', 'patch'],
    ]);
    expect(d.changes).toEqual([]);
  });
});
