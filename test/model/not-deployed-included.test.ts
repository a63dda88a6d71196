/**
 * A folder that an overlay no Flux Kustomization of the repository builds includes: NOT_DEPLOYED names
 * that overlay instead of saying "nothing includes its folder" (outside review: the Flux Kustomizations
 * of `infra/snd/01`, which includes `infra/snd/base`, which includes `core/nginx-ingress`, are made by a
 * cloud's Flux extension outside the repository; the owner would disagree with "nothing includes it").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('NOT_DEPLOYED of a folder an unapplied overlay includes', () => {
  const repo = tempRepos(afterAll);

  it('names the top of the build that includes it, and keeps "nothing includes" for a folder nothing lists', async () => {
    const r = repo('not-deployed-included');
    bootstrap(r);
    r.put('infra/snd/01/kustomization.yaml', 'resources:\n  - ../base\n');
    r.put('infra/snd/base/kustomization.yaml', 'resources:\n  - ../../../core/nginx-ingress\n');
    r.put('core/nginx-ingress/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('core/nginx-ingress/release.yaml', helmRelease({ name: 'nginx-ingress', namespace: 'nginx-ingress' }));
    r.put('core/lonely/release.yaml', helmRelease({ name: 'lonely', namespace: 'lonely' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const reasons = Object.fromEntries(analyse(model, config).findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => [f.source.file, f.message]));
    expect(reasons['core/nginx-ingress/release.yaml']).toContain('its folder is part of the kustomize build of infra/snd/01, which no Flux Kustomization of this repository builds');
    expect(reasons['core/lonely/release.yaml']).toContain('(nothing includes its folder)');
  });
});
