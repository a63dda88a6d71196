/**
 * An image tag in HelmRelease values written as a YAML float (`tag: 1.20`) is the number 1.2: Helm
 * receives it and renders `repo:1.2`, almost never what the owner meant (outside review: the page
 * showed `1.2` with no word). Trailing zeros (`1.20`, `1.10`, `2.0`) warn at the tag's image with the
 * text as written and what Helm receives; a quoted tag, an integer (`16`: the same text) and a float
 * whose text is the number's (`1.5`) say nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const container = (name: string, tag: string) => `          ${name}:\n            image:\n              repository: ghcr.io/example/${name}\n              tag: ${tag}\n`;

describe('an image tag written as a YAML float', () => {
  const repo = tempRepos(afterAll);

  it('warns where the number reads otherwise than the text, and the page keeps what Helm receives', async () => {
    const r = repo('image-tag-not-string');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - releases.yaml\n');
    const appTemplate = ['    controllers:\n      tags:\n        containers:\n', container('float', '1.20'), container('quoted', '"1.20"'), container('integer', '16'), container('plain', '1.5'), container('whole', '3.0')].join('');
    r.put('apps/releases.yaml', [
      helmRelease({ name: 'tags', namespace: 'apps', chart: 'app-template', version: '3.7.3', values: appTemplate }),
      // A classic chart's `image: {repository, tag}`.
      helmRelease({ name: 'postgres', namespace: 'apps', chart: 'postgresql', version: '15.5.0', values: '    image:\n      repository: bitnami/postgresql\n      tag: 16.10\n' }),
    ].join('---\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_NOT_STRING');
    expect(found.map((f) => `${f.severity} ${f.objectId} ${f.source.file}:${f.source.line}`)).toEqual([
      // At each image's `image:` key (float, whole, then postgres's).
      'warning HelmRelease/apps/tags apps/releases.yaml:21',
      'warning HelmRelease/apps/tags apps/releases.yaml:37',
      'warning HelmRelease/apps/postgres apps/releases.yaml:57',
    ]);
    const float = found.find((f) => f.message.includes('ghcr.io/example/float'))!;
    expect(float.message).toContain('`tag: 1.20`');
    expect(float.message).toContain('Helm receives 1.2, so the pod pulls ghcr.io/example/float:1.2');
    expect(float.message).toContain('`tag: "1.20"`');
    expect(found.some((f) => f.message.includes('ghcr.io/example/whole') && f.message.includes('Helm receives 3,'))).toBe(true);
    expect(found.find((f) => f.objectId === 'HelmRelease/apps/postgres')!.message).toContain('Helm receives 16.1');
    // What Helm gets is what the page shows as the tag.
    const tags = model.helmReleases.find((h) => h.name === 'tags')!.images;
    expect(tags.find((i) => i.repository === 'ghcr.io/example/float')).toMatchObject({ tag: '1.2', tagWrittenAs: '1.20' });
    expect(tags.find((i) => i.repository === 'ghcr.io/example/quoted')).toMatchObject({ tag: '1.20' });
    expect(tags.find((i) => i.repository === 'ghcr.io/example/quoted')!.tagWrittenAs).toBeUndefined();
  });
});
