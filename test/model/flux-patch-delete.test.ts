/**
 * A Flux Kustomization's spec.patches may delete objects from its build (`$patch: delete`, with a
 * target selecting them by label): kustomize drops them, and Flux never applies them. Found on a
 * public fleet repository whose production clusters delete the image-automation objects that
 * staging keeps: the model still placed them in production and warned about one's API version.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { tempRepo } from '../support/temp-repo.ts';

const { root, put, remove } = tempRepo('flux-patch-delete');
afterAll(remove);

const ks = (name: string, path: string, patches = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ${path}\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n${patches}`;
const deleteAutomation = `  patches:\n    - patch: |\n        $patch: delete\n        apiVersion: all\n        kind: all\n        metadata:\n          name: all\n      target:\n        labelSelector: example.com/role=automation\n`;

describe('$patch: delete in a Flux Kustomization’s spec.patches', () => {
  it('removes what it selects from that cluster’s build, and only there', async () => {
    put('clusters/staging/apps.yaml', ks('apps', './tenants'));
    put('clusters/production/apps.yaml', ks('apps', './tenants', deleteAutomation));
    put('tenants/kustomization.yaml', 'resources:\n  - ./web\n  - ./update\n');
    put('tenants/web/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    put('tenants/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0.0\n');
    put('tenants/update/kustomization.yaml', 'namespace: automation\nresources:\n  - automation.yaml\nlabels:\n  - pairs:\n      example.com/role: automation\n');
    put('tenants/update/automation.yaml', 'apiVersion: image.toolkit.fluxcd.io/v1beta1\nkind: ImageUpdateAutomation\nmetadata:\n  name: bot\nspec:\n  interval: 30m\n');
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const placed = (kind: string) => model.objects.filter((o) => o.kind === kind && o.owner !== null).map((o) => o.id).sort();
    expect(placed('Deployment')).toEqual(['Deployment/web/web@production', 'Deployment/web/web@staging']);
    expect(placed('ImageUpdateAutomation')).toEqual(['ImageUpdateAutomation/automation/bot@staging']);
    // Checked where it is applied (staging), not where it is deleted.
    const deprecated = analyse(model, config).findings.filter((f) => f.code === 'DEPRECATED_API_VERSION').map((f) => f.objectId);
    expect(deprecated).toEqual(['ImageUpdateAutomation/automation/bot@staging']);
  });
});

describe('$patch: delete in a kustomization.yaml', () => {
  const other = tempRepo('kustomization-patch-delete');
  afterAll(other.remove);

  it('takes the object out of the build, and out of the model where no build applies it (as kubectl kustomize)', async () => {
    other.put('clusters/prod/apps.yaml', ks('apps', './apps'));
    other.put('apps/kustomization.yaml', 'resources:\n  - ./web\n  - ./legacy\n');
    other.put('apps/web/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    other.put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0.0\n');
    other.put('apps/legacy/kustomization.yaml', 'resources:\n  - policy.yaml\npatches:\n  - patch: |\n      $patch: delete\n      apiVersion: networking.k8s.io/v1\n      kind: NetworkPolicy\n      metadata:\n        name: allow-egress\n        namespace: legacy\n');
    other.put('apps/legacy/policy.yaml', 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-egress\n  namespace: legacy\nspec:\n  podSelector: {}\n  egress:\n    - {}\n');
    const { model } = await scanRepo(other.root, parseConfig({}));
    // An outside review found it among the model's NetworkPolicies, as an object applied by nothing.
    expect(model.objects.filter((o) => o.kind === 'NetworkPolicy')).toEqual([]);
    expect(model.networkPolicies).toEqual([]);
    expect(model.objects.find((o) => o.kind === 'Deployment')?.owner).toBe('Kustomization/flux-system/apps');
    const run = spawnSync('kubectl', ['kustomize', join(other.root, 'apps')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).not.toContain('NetworkPolicy');
    }
  });
});
