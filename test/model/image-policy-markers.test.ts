/**
 * Flux image automation writes the tag an ImagePolicy selects wherever a setter marker says so
 * (`image: ghcr.io/acme/api:0.0.59 # {"$imagepolicy": "flux-system:api"}`, or `:tag` / `:name` markers
 * on a chart's `image.tag` and `image.repository`). The app page names that policy beside the image,
 * and so does the README export (outside review: the tag looked hand-pinned).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('image automation setter markers', async () => {
  const repo = tempRepos(afterAll);
  const r = repo('image-policy-markers');
  bootstrap(r);
  r.put('clusters/prod/apps.yaml', [fluxKustomization('api', './apps/api'), fluxKustomization('web', './apps/web')].join('---\n'));
  r.put('apps/api/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
  r.put(
    'apps/api/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: api\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:0.0.59 # {"$imagepolicy": "flux-system:api"}\n        - name: proxy\n          image: docker.io/library/nginx:1.27 # a comment, no marker\n',
  );
  r.put('apps/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
  r.put(
    'apps/web/release.yaml',
    helmRelease({
      name: 'web',
      namespace: 'web',
      values: '    image:\n      repository: ghcr.io/acme/web # {"$imagepolicy": "flux-system:web:name"}\n      tag: 2.3.1 # {"$imagepolicy": "flux-system:web:tag"}\n    sidecar:\n      image:\n        repository: ghcr.io/acme/sidecar\n        tag: 1.0.0\n',
    }),
  );
  const { model } = await scanRepo(r.root, parseConfig({}));
  const imagesOf = (appOfObject: string) => appFacts(model, model.objects.find((o) => o.id === appOfObject)!.appId!)!.images.map((i) => [i.repository, i.tag, i.policy]);

  it('link a workload container’s image to its ImagePolicy', () => {
    expect(imagesOf('Deployment/api/api')).toEqual([
      ['ghcr.io/acme/api', '0.0.59', 'flux-system/api'],
      ['docker.io/library/nginx', '1.27', null],
    ]);
  });

  it('link a chart’s image whose tag or repository carries the marker', () => {
    expect(imagesOf('HelmRelease/web/web')).toEqual([
      ['ghcr.io/acme/web', '2.3.1', 'flux-system/web'],
      ['ghcr.io/acme/sidecar', '1.0.0', null],
    ]);
  });
});
