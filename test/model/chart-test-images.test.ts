/**
 * Images a chart runs only in its test pods (`chartTests.*.image`, grafana's `testFramework.image`)
 * are pulled only by `helm test`, which Flux runs when the HelmRelease says `spec.test.enable: true`.
 * A qdrant release's `chartTests.dbInteraction.image: ...:latest` was IMAGE_TAG_LATEST and an image
 * of the app (seventh round of outside-corpus.md). With tests on, they are the release's images.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('chart-test-images');
afterAll(remove);

const release = (name: string, test: string) =>
  `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\n  namespace: db\nspec:\n  interval: 1h\n${test}  chart:\n    spec:\n      chart: ${name}\n      version: 1.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: charts\n  values:\n    image:\n      repository: docker.io/qdrant/qdrant\n      tag: v1.12.4\n    chartTests:\n      dbInteraction:\n        image: registry.example.com/library/curl:latest\n    testFramework:\n      image:\n        repository: docker.io/bats/bats\n        tag: latest\n    latestExporter:\n      image:\n        repository: docker.io/example/exporter\n        tag: latest\n`;

describe('images of a chart\'s test pods', async () => {
  put('clusters/main/apps.yaml', fluxKustomization('db', './db'));
  put('db/kustomization.yaml', 'resources:\n  - qdrant.yaml\n  - tested.yaml\n');
  put('db/qdrant.yaml', release('qdrant', ''));
  put('db/tested.yaml', release('tested', '  test:\n    enable: true\n'));
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  const images = (name: string) => model.helmReleases.find((h) => h.name === name)!.images.map((i) => i.path);
  const latest = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => `${f.source.file}:${f.source.line}`);

  it('are not the release\'s images while Flux runs no tests', () => {
    expect(images('qdrant')).toEqual(['image', 'latestExporter.image']);
  });

  it('are, when spec.test.enable is true', () => {
    expect(images('tested')).toEqual(['chartTests.dbInteraction.image', 'image', 'latestExporter.image', 'testFramework.image']);
  });

  it('IMAGE_TAG_LATEST only for images Flux makes pods of', () => {
    expect(latest.sort()).toEqual(['db/qdrant.yaml:27', 'db/tested.yaml:23', 'db/tested.yaml:25', 'db/tested.yaml:29']);
  });
});

describe('a controller or container the user named with the word test', async () => {
  // app-template: the controller `test-echo` and the container `test` run pods as any other.
  const { root: r2, put: put2, remove: remove2 } = tempRepo('chart-test-named');
  afterAll(remove2);
  put2('clusters/main/apps.yaml', fluxKustomization('default', './default'));
  put2('default/kustomization.yaml', 'resources:\n  - echo.yaml\n');
  put2(
    'default/echo.yaml',
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: echo\n  namespace: default\nspec:\n  interval: 1h\n  chart:\n    spec:\n      chart: app-template\n      version: 4.0.0\n      sourceRef:\n        kind: HelmRepository\n        name: bjw-s\n  values:\n    controllers:\n      test-echo:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/mendhak/http-https-echo\n              tag: latest\n      other:\n        containers:\n          test:\n            image:\n              repository: docker.io/library/busybox\n              tag: "1.37"\n        tests:\n          image:\n            repository: docker.io/bats/bats\n            tag: latest\n',
  );
  const config = parseConfig({});
  const { model } = await scanRepo(r2, config);
  const latest = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST').map((f) => `${f.source.file}:${f.source.line}`);

  it('are the release\'s images; a chart key `tests` below them is still a test pod', () => {
    expect(model.helmReleases[0]!.images.map((i) => i.path).sort()).toEqual(['controllers.other.containers.test.image', 'controllers.test-echo.containers.app.image']);
  });

  it('IMAGE_TAG_LATEST for the user-named controller', () => {
    expect(latest).toEqual(['default/echo.yaml:20']);
  });
});
