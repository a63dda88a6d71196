/**
 * A Renovate bump's `-U0` hunk is the one line `tag: 0.8.4`: what it is a tag of sits in the lines
 * around it, in the file at that commit. Shapes from real home-ops files (bjw-s-labs, onedr0p).
 */
import { describe, expect, it } from 'vitest';
import { detectKsEvents, buildAppIndex } from '../../src/analysis/changelog/attribute.ts';
import { pastAppDescriptors } from '../../src/analysis/changelog/past-apps.ts';
import { nameAtLine } from '../../src/repo/bump-names.ts';

/** The 1-based line of the first line containing `text`. */
const lineOf = (file: string, text: string): number => file.split('\n').findIndex((l) => l.includes(text)) + 1;

const kubePrometheusStack = `---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: kube-prometheus-stack
spec:
  chartRef:
    kind: OCIRepository
    name: kube-prometheus-stack
  values:
    prometheus:
      prometheusSpec:
        version: v2.55.1 # override 'unsupported Prometheus version' error
        image:
          registry: docker.io
          repository: prompp/prompp
          tag: 0.8.4
        securityContext:
          runAsNonRoot: true
`;

const gatus = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: gatus
spec:
  values:
    controllers:
      gatus:
        initContainers:
          gatus-sidecar:
            image:
              repository: ghcr.io/home-operations/gatus-sidecar
              tag: 0.4.1@sha256:${'b'.repeat(64)}
            args: ["--auto-routes"]
        containers:
          app:
            image:
              # the app itself
              repository: ghcr.io/twin/gatus
              tag: v5.20.0
`;

const sequenceOfImages = `spec:
  values:
    images:
      - repository: ghcr.io/a/first
        tag: 1.0.0
      - name: second
        tag: 2.0.0
`;

const ociRepository = `apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: app-template
spec:
  interval: 15m
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
  ref:
    tag: 5.1.0
  url: oci://ghcr.io/bjw-s-labs/helm/app-template
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: echo
spec:
  chart:
    spec:
      chart: echo-server
      version: 0.5.0
      sourceRef:
        kind: HelmRepository
        name: ealenn
  values:
    image:
      tag: 0.9.2
`;

describe('the name of a tag-only bump, read beside the value at its commit', () => {
  it('an image tag takes the repository of its own mapping (with its registry), not a neighbour container', () => {
    expect(nameAtLine(kubePrometheusStack, lineOf(kubePrometheusStack, 'tag: 0.8.4'), 'image')).toEqual({ kind: 'image', name: 'docker.io/prompp/prompp' });
    expect(nameAtLine(gatus, lineOf(gatus, 'tag: 0.4.1'), 'image')).toEqual({ kind: 'image', name: 'ghcr.io/home-operations/gatus-sidecar' });
    expect(nameAtLine(gatus, lineOf(gatus, 'tag: v5.20.0'), 'image')).toEqual({ kind: 'image', name: 'ghcr.io/twin/gatus' });
  });

  it('a sequence item is its own mapping: the item above does not lend its repository', () => {
    expect(nameAtLine(sequenceOfImages, lineOf(sequenceOfImages, 'tag: 1.0.0'), 'image')).toEqual({ kind: 'image', name: 'ghcr.io/a/first' });
    expect(nameAtLine(sequenceOfImages, lineOf(sequenceOfImages, 'tag: 2.0.0'), 'image')).toBeNull();
  });

  it("an OCIRepository's ref.tag is the chart of its url; a HelmRelease's version the chart beside it", () => {
    expect(nameAtLine(ociRepository, lineOf(ociRepository, 'tag: 5.1.0'), 'chart')).toEqual({ kind: 'chart', name: 'app-template' });
    // In a file named for a HelmRelease, the diff reader took `tag:` for an image's: the `ref:` above says otherwise.
    expect(nameAtLine(ociRepository, lineOf(ociRepository, 'tag: 5.1.0'), 'image')).toEqual({ kind: 'chart', name: 'app-template' });
    expect(nameAtLine(ociRepository, lineOf(ociRepository, 'version: 0.5.0'), 'chart')).toEqual({ kind: 'chart', name: 'echo-server' });
    expect(nameAtLine('spec:\n  ref: { tag: 1.2.3 }\n  url: oci://ghcr.io/x/charts/kromgo\n', 2, 'chart')).toEqual({ kind: 'chart', name: 'kromgo' });
  });

  it('says nothing where the file does not: a tag without a repository, a substituted name, another line', () => {
    expect(nameAtLine(ociRepository, lineOf(ociRepository, 'tag: 0.9.2'), 'image')).toBeNull();
    expect(nameAtLine('image:\n  repository: ${REGISTRY}/app\n  tag: 1.0.0\n', 3, 'image')).toBeNull();
    expect(nameAtLine(gatus, 1, 'image')).toBeNull();
    expect(nameAtLine(gatus, 999, 'image')).toBeNull();
  });
});

describe("the work of naming a generated file's bumps", () => {
  it('looks at a bounded window of lines around each value, not the whole mapping', () => {
    // One mapping of 10,000 `tag:` lines (a generated file's diff can pair them all as bumps).
    const lines = ['images:', '  repository: ghcr.io/x/y', ...Array.from({ length: 10_000 }, (_, i) => `  tag: 1.0.${i}`)];
    const named = lines.map((_, i) => nameAtLine(lines, i + 1, 'image'));
    expect(named[2]).toEqual({ kind: 'image', name: 'ghcr.io/x/y' });
    expect(named[5_000]).toBeNull();
  });
});

describe('apps of the history that HEAD no longer has', () => {
  const head = [
    { id: 'flux-system/cluster-apps', dirs: ['kubernetes/apps', 'kubernetes/flux/cluster'] },
    { id: 'default/cleanrr', dirs: ['kubernetes/apps/default/cleanrr', 'kubernetes/apps/default/cleanrr/app'] },
  ];
  const removal = [{ status: 'D' as const, path: 'kubernetes/apps/default/deduparr/ks.yaml' }];

  it("a removed app's Kustomization file is never the app's of the folder above", () => {
    expect(detectKsEvents(buildAppIndex(head), removal)).toEqual([{ app: null, dir: 'kubernetes/apps/default/deduparr', event: 'removed' }]);
  });

  it('named `<namespace>/<folder>` from its Kustomization as it was; a folder HEAD still has stays HEAD\'s', () => {
    const past = pastAppDescriptors([
      { dir: 'kubernetes/apps/default/deduparr', file: 'kubernetes/apps/default/deduparr/ks.yaml', name: 'deduparr', namespace: 'default' },
      { dir: 'kubernetes/apps/default/cleanrr', file: 'kubernetes/apps/default/cleanrr/ks.yaml', name: 'cleanrr', namespace: 'default' },
      { dir: 'kubernetes/apps/media/plex', file: 'kubernetes/apps/media/plex/ks.yaml', name: 'plex', namespace: 'media' },
      { dir: 'kubernetes/apps/immich/secret', file: 'kubernetes/apps/immich/secret/ks.yaml', name: 'immich-secret', namespace: null },
    ], head, ['kubernetes/apps/media/plex/ks.dis']);
    expect(past).toEqual([
      { id: 'default/deduparr', dirs: ['kubernetes/apps/default/deduparr'] },
      { id: 'immich-secret', dirs: ['kubernetes/apps/immich/secret'] },
    ]);
    expect(detectKsEvents(buildAppIndex([...head, ...past]), removal)).toEqual([{ app: 'default/deduparr', dir: 'kubernetes/apps/default/deduparr', event: 'removed' }]);
  });
});
