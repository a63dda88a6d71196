import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * `valuesFrom` with `targetPath`: helm-controller sets the key's text at that path, as `helm --set
 * path=text` would (composeValues, strvals.ParseInto), before the inline values. A Flux probe found it
 * ignored: a tag given so was no tag, and a `latest` there no IMAGE_TAG_LATEST.
 */
describe('valuesFrom with targetPath', () => {
  const repo = tempRepos(afterAll);

  it('sets the text at the path, typed as --set types it, under the inline values', async () => {
    const r = repo('values-target-path');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  - versions.yaml\n');
    r.put('apps/web/versions.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: versions\n  namespace: web\ndata:\n  web: "2.4.1"\n  replicas: "3"\n  debug: "true"\n');
    const from = '  valuesFrom:\n    - kind: ConfigMap\n      name: versions\n      valuesKey: web\n      targetPath: image.tag\n    - kind: ConfigMap\n      name: versions\n      valuesKey: replicas\n      targetPath: replicaCount\n    - kind: ConfigMap\n      name: versions\n      valuesKey: debug\n      targetPath: app.debug\n';
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    image:\n      repository: ghcr.io/example/web\n    app:\n      debug: false\n' }).replace('spec:\n', `spec:\n${from}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hr = model.helmReleases[0]!;
    expect(hr.values).toMatchObject({ image: { repository: 'ghcr.io/example/web', tag: '2.4.1' }, replicaCount: 3, app: { debug: false } });
    expect(hr.images.map((i) => `${i.repository}:${i.tag}`)).toEqual(['ghcr.io/example/web:2.4.1']);
  });
});

/**
 * A HelmRelease's post-renderer with kustomize `images` changes the image the chart renders after the
 * values (helm-controller runs it on the rendered manifests). It was ignored: a tag set to `latest`
 * there was neither shown nor an IMAGE_TAG_LATEST.
 */
describe("a HelmRelease's postRenderers kustomize images", () => {
  const repo = tempRepos(afterAll);

  it('give the image its new name and tag', async () => {
    const r = repo('post-renderer-images');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    const renderer = '  postRenderers:\n    - kustomize:\n        images:\n          - name: ghcr.io/example/web\n            newName: registry.example.com/mirror/web\n            newTag: "2.5.0"\n';
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    image:\n      repository: ghcr.io/example/web\n      tag: 2.4.1\n    sidecar:\n      image:\n        repository: ghcr.io/example/other\n        tag: 1.0.0\n' }).replace('spec:\n', `spec:\n${renderer}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.helmReleases[0]!.images.map((i) => `${i.repository}:${i.tag}`).sort()).toEqual(['ghcr.io/example/other:1.0.0', 'registry.example.com/mirror/web:2.5.0']);
  });
});

describe('a targetPath text, typed as strvals types it', () => {
  const repo = tempRepos(afterAll);

  it('keeps a leading zero and a double-quoted text as text, and reads TRUE in any case', async () => {
    const r = repo('target-path-typing');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  - versions.yaml\n');
    r.put('apps/web/versions.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: versions\n  namespace: web\ndata:\n  tag: "0815"\n  quoted: '"1.2.3"'\n  single: "'0816'"\n  flag: "TRUE"\n`);
    const ref = (key: string, path: string) => `    - kind: ConfigMap\n      name: versions\n      valuesKey: ${key}\n      targetPath: ${path}\n`;
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }).replace('spec:\n', `spec:\n  valuesFrom:\n${ref('tag', 'image.tag')}${ref('quoted', 'sidecar.tag')}${ref('single', 'init.tag')}${ref('flag', 'debug')}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.helmReleases[0]!.values).toMatchObject({ image: { tag: '0815' }, sidecar: { tag: '1.2.3' }, init: { tag: '0816' }, debug: true });
  });
});
