/**
 * Tags that move are as unpinned as `latest`: a branch's or channel's (`stable`, `master`, `rolling`,
 * `nightly`). An outside review found frigate's `tag: stable` unflagged. Matched whole: `stable-1.14`,
 * `1.2-dev` and a digest-pinned `stable@sha256:...` are pinned and say nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const HEX = 'a'.repeat(64);
const values = (tag: string) => `    controllers:\n      main:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/blakeblackshear/frigate\n              tag: ${tag}\n`;

describe('an image on a tag that moves', () => {
  const repo = tempRepos(afterAll);

  it('is IMAGE_TAG_LATEST, naming the tag; a version that contains such a word is not', async () => {
    const r = repo('image-tag-floating');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/releases.yaml', [
      helmRelease({ name: 'frigate', namespace: 'nvr', chart: 'app-template', version: '4.6.2', values: values('stable') }),
      helmRelease({ name: 'frigate-pinned', namespace: 'nvr', chart: 'app-template', version: '4.6.2', values: values('stable-1.14') }),
      helmRelease({ name: 'frigate-digest', namespace: 'nvr', chart: 'app-template', version: '4.6.2', values: values(`stable@sha256:${HEX}`) }),
      helmRelease({ name: 'frigate-dev', namespace: 'nvr', chart: 'app-template', version: '4.6.2', values: values('0.15.0-dev') }),
    ].join('---\n'));
    r.put('apps/tool.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: tool\n  namespace: nvr\nspec:\n  selector: {matchLabels: {app: tool}}\n  template:\n    metadata: {labels: {app: tool}}\n    spec: {containers: [{name: c, image: "rook/ceph:master"}]}\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_TAG_LATEST');
    expect(found.map((f) => f.objectId).sort()).toEqual(['Deployment/nvr/tool', 'HelmRelease/nvr/frigate']);
    expect(found.find((f) => f.objectId === 'HelmRelease/nvr/frigate')!.message).toContain('uses the tag "stable", which moves');
  });
});
