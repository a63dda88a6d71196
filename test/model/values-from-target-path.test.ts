import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { REDACTED } from '../../src/model/raw-doc.ts';
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

/**
 * helm-controller merges valuesFrom in the order listed, a whole document deep-merged and a targetPath
 * entry set at its path over what came before, then spec.values over all (ChartValuesFromReferences).
 * A probe's release took its tag from a configMapGenerator's literal (`tag=1.27.3` at `image.tag`) after
 * a values.yaml with 1.25.0: the app page and the versions inventory said 1.25.0, Flux renders 1.27.3.
 */
describe('valuesFrom entries in order', () => {
  const repo = tempRepos(afterAll);
  const entry = (kind: string, name: string, key: string, path?: string, optional = false) =>
    `    - kind: ${kind}\n      name: ${name}\n      valuesKey: ${key}\n${path ? `      targetPath: ${path}\n` : ''}${optional ? '      optional: true\n' : ''}`;

  it("set a generator literal's text at its targetPath over the values file before it", async () => {
    const r = repo('values-from-literal');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('vfrom', './apps/vfrom'));
    r.put('apps/vfrom/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: vfrom\nresources:\n  - hr.yaml\nconfigMapGenerator:\n  - name: vfrom-values\n    files:\n      - values.yaml=values.yaml\n  - name: vfrom-tag\n    literals:\n      - tag=1.27.3\n      - password=hunter2-literal\nconfigurations:\n  - kustomizeconfig.yaml\n');
    r.put('apps/vfrom/kustomizeconfig.yaml', 'nameReference:\n  - kind: ConfigMap\n    version: v1\n    fieldSpecs:\n      - path: spec/valuesFrom/name\n        kind: HelmRelease\n');
    r.put('apps/vfrom/values.yaml', 'image:\n  repository: docker.io/library/nginx\n  tag: 1.25.0\n');
    const from = `  valuesFrom:\n${entry('ConfigMap', 'vfrom-values', 'values.yaml')}${entry('ConfigMap', 'vfrom-tag', 'tag', 'image.tag')}${entry('ConfigMap', 'vfrom-tag', 'password', 'auth.password')}${entry('Secret', 'vfrom-secret', 'password', 'auth.secret', true)}`;
    r.put('apps/vfrom/hr.yaml', helmRelease({ name: 'vfrom-nginx', namespace: 'vfrom', chart: 'nginx' }).replace('spec:\n', `spec:\n${from}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hr = model.helmReleases[0]!;
    expect(hr.images.map((i) => [`${i.repository}:${i.tag}`, `${i.source.file}:${i.source.line}`])).toEqual([['docker.io/library/nginx:1.27.3', 'apps/vfrom/kustomization.yaml:12']]);
    // A literal the reader wiped as a credential gives nothing; a Secret is never read.
    expect(hr.values).toEqual({ image: { repository: 'docker.io/library/nginx', tag: '1.27.3' } });
    expect(JSON.stringify(model)).not.toContain('hunter2-literal');
  });

  it('set an indexed path in the list item as it is; a later entry and spec.values win; a credential is wiped', async () => {
    const r = repo('values-from-order');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n  - values.yaml\n');
    const doc = (tag: string) => `    image:\n      repository: ghcr.io/example/web\n      tag: ${tag}\n    ingress:\n      enabled: true\n      className: external\n      hosts:\n        - host: old.example.com\n          paths:\n            - path: /\n`;
    r.put('apps/web/values.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-values\n  namespace: web\ndata:\n  first.yaml: |\n${doc('1.0.0')}  later.yaml: |\n    image:\n      tag: 3.0.0\n  host: new.example.com\n  tag: 2.0.0\n  replicas: "5"\n  db: Zq8-s3cr3t-Value\n`);
    const from = `  valuesFrom:\n${entry('ConfigMap', 'web-values', 'first.yaml')}${entry('ConfigMap', 'web-values', 'host', 'ingress.hosts[0].host')}${entry('ConfigMap', 'web-values', 'tag', 'image.tag')}${entry('ConfigMap', 'web-values', 'later.yaml')}${entry('ConfigMap', 'web-values', 'replicas', 'replicaCount')}${entry('ConfigMap', 'web-values', 'db', 'auth.password')}`;
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web', values: '    replicaCount: 2\n' }).replace('spec:\n', `spec:\n${from}`));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const hr = model.helmReleases[0]!;
    expect(hr.values).toMatchObject({ image: { tag: '3.0.0' }, ingress: { hosts: [{ host: 'new.example.com', paths: [{ path: '/' }] }] }, replicaCount: 2, auth: { password: REDACTED } });
    // (A text of a ConfigMap key that says nothing, set at a credential's path, is wiped there.)
    expect(JSON.stringify(model)).not.toContain('Zq8-s3cr3t-Value');
    expect(model.endpoints.map((e) => [e.name, e.hosts])).toEqual([['web (ingress)', ['new.example.com']]]);
  });
});
