/**
 * Images written in a HelmRelease's values in the shapes charts use besides `image: {repository,
 * tag}`. Charts that run a second component give its image beside the component's other settings, not
 * under an `image` key: podinfo's `redis: {enabled, repository, tag}`, volsync's movers
 * `restic: {repository, tag}`. The app page listed none of them, so a Renovate bump of such a tag
 * changed nothing on the site. A repository with a path and a tag is an image; a bare Docker Hub
 * namespace beside a separate `image:` name, or a Git repository given as a URL, is not. A tag
 * alone (`image: {tag: v3.4.1}`) pins the chart's default image: listed as such (chartDefault).
 * JupyterHub writes its images as `image: {name, tag}`: `name` is the repository there (outside
 * review: all ten of a hub's images were shown as the chart's defaults); a `name` that is no image
 * repository (a Git URL) or one without a tag is no image, nor the chart's default.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('component-images');
afterAll(remove);

describe('images of chart components written as repository + tag', () => {
  it('lists them with their line, once each, and leaves namespaces and URLs alone', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('apps', './apps'));
    put('apps/kustomization.yaml', 'resources:\n  - podinfo.yaml\n');
    put(
      'apps/podinfo.yaml',
      [
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'metadata:',
        '  name: podinfo',
        '  namespace: podinfo',
        'spec:',
        '  interval: 1h',
        '  chart:',
        '    spec:',
        '      chart: podinfo',
        '      sourceRef: {kind: HelmRepository, name: podinfo}',
        '  values:',
        '    image:',
        '      repository: ghcr.io/stefanprodan/podinfo',
        '      tag: 6.7.0',
        '    redis:',
        '      enabled: true',
        '      repository: public.ecr.aws/docker/library/redis',
        '      tag: 8.6.2',
        '    mover:',
        '      repository: ghcr.io/example/mover',
        '      tag: v0.17.11@sha256:' + 'a'.repeat(64),
        '    sidecar:',
        '      image:',
        '        tag: v1.4.0',
        '    webhook:',
        '      repository: kubespheredev',
        '      image: kubefed',
        '      tag: v0.8.1',
        '    controller:',
        '      repository: quay.io/kubernetes-multicluster',
        '      image: kubefed',
        '      tag: canary',
        '    exporter:',
        '      registry: ghcr.io',
        '      repository: example/exporter',
        '      tag: 1.2.3',
        '    source:',
        '      repository: github.com/example/config',
        '      tag: v2',
        '    git:',
        '      repository: https://github.com/example/config.git',
        '      tag: v1',
        '    restic:',
        '      repository: ghcr.io/stefanprodan/podinfo',
        '      tag: 6.7.0',
        '    chart:',
        '      repository: oci://ghcr.io/example/charts',
        '      tag: 1.0.0',
        '    hub:',
        '      image:',
        '        name: quay.io/jupyterhub/k8s-hub',
        '        tag: "4.0.0"',
        '    singleuser:',
        '      image:',
        '        name: ghcr.io/example/org-analytics-lab-image',
        '        tag: 2024-11-05',
        '        pullPolicy: IfNotPresent',
        '    proxy:',
        '      image:',
        '        name: https://github.com/example/proxy.git',
        '        tag: v1',
        '    pause:',
        '      image:',
        '        name: registry.k8s.io/pause',
        '    templated:',
        '      image:',
        '        name: ${REGISTRY}/hub',
        '        tag: latest',
        '',
      ].join('\n'),
    );
    const { model } = await scanRepo(root, parseConfig({}));
    const hr = model.helmReleases.find((h) => h.name === 'podinfo')!;
    expect(hr.images.map((i) => [i.path, `${i.repository}:${i.tag}`, i.digest, i.source.line])).toEqual([
      ['exporter', 'ghcr.io/example/exporter:1.2.3', null, 34],
      ['hub.image', 'quay.io/jupyterhub/k8s-hub:4.0.0', null, 51],
      ['image', 'ghcr.io/stefanprodan/podinfo:6.7.0', null, 13],
      ['mover', 'ghcr.io/example/mover:v0.17.11', `sha256:${'a'.repeat(64)}`, 20],
      ['redis', 'public.ecr.aws/docker/library/redis:8.6.2', null, 16],
      ['sidecar.image', 'default of chart podinfo:v1.4.0', null, 24],
      ['singleuser.image', 'ghcr.io/example/org-analytics-lab-image:2024-11-05', null, 55],
      // (A name a variable fills in is the repository as written: its `latest` is still seen; code review.)
      ['templated.image', '${REGISTRY}/hub:latest', null, 67],
    ]);
    expect(hr.images.filter((i) => i.chartDefault).map((i) => i.path)).toEqual(['sidecar.image']);
  });
});

describe("a chart's global.imageRegistry", () => {
  it("takes the place of each image's own registry key (Bitnami's common.images.image), and leaves an image written with its host alone", async () => {
    put('clusters/main/db.yaml', fluxKustomization('db', './db'));
    put('db/kustomization.yaml', 'resources:\n  - postgresql.yaml\n  - plain.yaml\n');
    const release = (name: string, values: string[]) =>
      [
        'apiVersion: helm.toolkit.fluxcd.io/v2',
        'kind: HelmRelease',
        'metadata:',
        `  name: ${name}`,
        '  namespace: database',
        'spec:',
        '  interval: 1h',
        '  chart:',
        '    spec:',
        '      chart: postgresql',
        '      sourceRef: {kind: HelmRepository, name: bitnami}',
        '  values:',
        ...values.map((l) => `    ${l}`),
        '',
      ].join('\n');
    put(
      'db/postgresql.yaml',
      release('postgresql', [
        'global:',
        '  imageRegistry: registry.example.com',
        'image:',
        '  registry: docker.io',
        '  repository: bitnami/postgresql',
        '  tag: 17.2.0',
        'metrics:',
        '  image:',
        '    registry: ""',
        '    repository: bitnami/postgres-exporter',
        '    tag: 0.16.0',
        'volumePermissions:',
        '  image:',
        '    repository: ghcr.io/example/os-shell',
        '    tag: "12"',
      ]),
    );
    // Without global.imageRegistry (or with it empty), each image's own registry.
    put('db/plain.yaml', release('plain', ['global:', '  imageRegistry: ""', 'image:', '  registry: docker.io', '  repository: bitnami/postgresql', '  tag: 17.2.0']));
    const { model } = await scanRepo(root, parseConfig({}));
    const images = (name: string) => model.helmReleases.find((h) => h.name === name)!.images.map((i) => `${i.path} ${i.repository}:${i.tag}`);
    expect(images('postgresql')).toEqual([
      'image registry.example.com/bitnami/postgresql:17.2.0',
      'metrics.image registry.example.com/bitnami/postgres-exporter:0.16.0',
      'volumePermissions.image ghcr.io/example/os-shell:12',
    ]);
    expect(images('plain')).toEqual(['image docker.io/bitnami/postgresql:17.2.0']);
  });
});
