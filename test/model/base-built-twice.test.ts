import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

/**
 * One document built into several objects: a base that two overlays of one build list with their
 * own nameSuffix and image tag (kubectl kustomize makes shop-front and shop-back), and a base two
 * Flux Kustomizations deploy into two targetNamespaces. The model kept the first of each and dropped
 * the rest (their images and the second namespace's app went missing).
 */
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\nspec:\n  selector:\n    matchLabels: {app: shop}\n  template:\n    metadata:\n      labels: {app: shop}\n    spec:\n      containers:\n        - name: shop\n          image: ghcr.io/example/shop:1.0\n';

function kubectlNames(dir: string): string[] | null {
  try {
    const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return [...out.matchAll(/^ {2}name: (\S+)$/gm)].map((m) => m[1]!).sort();
  } catch {
    return null; // kubectl absent: the names below are what it printed when this test was written
  }
}

describe('a base built more than once', () => {
  const repo = tempRepos(afterAll);

  it('two overlays with their own nameSuffix in one build: one object each, with its own image', async () => {
    const r = repo('base-twice-suffix');
    r.put('clusters/prod/apps.yaml', fluxKustomization('shop', './apps/shop', '  targetNamespace: shop\n'));
    r.put('apps/shop/kustomization.yaml', 'resources:\n  - front\n  - back\n');
    r.put('apps/shop/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/shop/base/deployment.yaml', deployment);
    for (const side of ['front', 'back']) r.put(`apps/shop/${side}/kustomization.yaml`, `resources:\n  - ../base\nnameSuffix: -${side}\nimages:\n  - name: ghcr.io/example/shop\n    newTag: '2.0-${side}'\n`);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const deployments = model.objects.filter((o) => o.kind === 'Deployment');
    expect(deployments.map((o) => o.id).sort()).toEqual(['Deployment/shop/shop-back', 'Deployment/shop/shop-front']);
    expect(kubectlNames(join(r.root, 'apps/shop')) ?? ['shop-back', 'shop-front']).toEqual(['shop-back', 'shop-front']);
    expect(deployments.flatMap((o) => o.images ?? []).map((i) => i.tag).sort()).toEqual(['2.0-back', '2.0-front']);
  });

  it('two Flux Kustomizations into two targetNamespaces: one object in each namespace', async () => {
    const r = repo('base-twice-namespaces');
    r.put('clusters/prod/dev.yaml', fluxKustomization('web-dev', './apps/web/base', '  targetNamespace: web-dev\n'));
    r.put('clusters/prod/feature.yaml', fluxKustomization('web-feature', './apps/web/base', '  targetNamespace: web-feature\n'));
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/web/base/deployment.yaml', deployment);
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.id, o.owner]).sort()).toEqual([
      ['Deployment/web-dev/shop', 'Kustomization/flux-system/web-dev'],
      ['Deployment/web-feature/shop', 'Kustomization/flux-system/web-feature'],
    ]);
  });
});
