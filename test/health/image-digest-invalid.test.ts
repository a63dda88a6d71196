/**
 * An image pinned with `@` to something that is no digest (`@sha256-6725...`, a hyphen for the colon; a
 * short hash): the reference is invalid, and the kubelet refuses it (InvalidImageName). An outside
 * review found jackett's `tag: v0.24.1089@sha256-...` recorded as a digest, with nothing said. A real
 * digest, a digest left to a variable, an empty `digest: ""` and an image without one say nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const HEX = '67250eb8a1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8';
const values = (tag: string) => `    controllers:\n      main:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/home-operations/jackett\n              tag: ${tag}\n`;

describe('an image pinned to no digest', () => {
  const repo = tempRepos(afterAll);

  it('is a warning at the image; a digest, a variable and a tag alone are not', async () => {
    const r = repo('image-digest-invalid');
    bootstrap(r, 'prod');
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - releases.yaml\n  - deploy.yaml\n');
    r.put('apps/releases.yaml', [
      helmRelease({ name: 'jackett', namespace: 'media', chart: 'app-template', version: '4.6.2', values: values(`v0.24.1089@sha256-${HEX}`) }),
      helmRelease({ name: 'sonarr', namespace: 'media', chart: 'app-template', version: '4.6.2', values: values(`4.0.15@sha256:${HEX}`) }),
      helmRelease({ name: 'radarr', namespace: 'media', chart: 'app-template', version: '4.6.2', values: values('5.26.2@${RADARR_DIGEST}') }),
      helmRelease({ name: 'bazarr', namespace: 'media', chart: 'app-template', version: '4.6.2', values: values('1.5.2') }),
      // ingress-nginx's `digest: ""`: no digest (a reviewer's rebuild; my first version called it invalid).
      helmRelease({ name: 'ingress-nginx', namespace: 'media', chart: 'ingress-nginx', version: '4.11.3', values: '    controller:\n      image:\n        registry: registry.k8s.io\n        image: ingress-nginx/controller\n        tag: v1.11.3\n        digest: ""\n' }),
    ].join('---\n'));
    r.put('apps/deploy.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: media\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27@sha256:67250eb8\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'IMAGE_DIGEST_INVALID');
    expect(found.map((f) => `${f.severity} ${f.objectId} ${f.source.file}`)).toEqual([
      'warning Deployment/media/web apps/deploy.yaml',
      'warning HelmRelease/media/jackett apps/releases.yaml',
    ]);
    expect(found[1]!.message).toContain(`"@sha256-${HEX}", which is no digest`);
  });
});
