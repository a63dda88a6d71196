/**
 * kustomize reads any file it is named as YAML, of which JSON is a part: a `.json` JSON 6902 patch,
 * and a strategic-merge patch written as JSON apply like their `.yaml` kin. The
 * scan read YAML files only, so they were PATCH_NOT_APPLIED ("not in the repository or holds no
 * patch") and the model showed the unpatched image (outside review, with kubectl kustomize agreeing).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo, type ReadCache } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

describe('JSON files a kustomization.yaml names', () => {
  const repo = tempRepos(afterAll);

  it('are read as kustomize reads them', async () => {
    const r = repo('json-patch-file');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\npatches:\n  - path: ops.json\n    target: {kind: Deployment, name: web}\n  - path: scale.json\n');
    r.put('apps/web/deployment.yaml', deployment);
    r.put('apps/web/ops.json', '[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:1.28"}]\n');
    r.put('apps/web/scale.json', '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "web"}, "spec": {"replicas": 4}}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code.startsWith('PATCH_') || f.severity !== 'info').map((f) => f.code)).toEqual([]);
    const web = model.objects.find((o) => o.id === 'Deployment/web/web');
    expect(web?.images?.map((i) => i.tag)).toEqual(['1.28']);
    expect(model.objects.find((o) => o.id === 'Deployment/web/web')?.owner).toBe('Kustomization/flux-system/web');
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('image: nginx:1.28');
      expect(run.stdout).toContain('replicas: 4');
    }
  });

  it('a .json resource is an object of the build, as kustomize builds it', async () => {
    const r = repo('json-resource-file');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - settings.json\n');
    r.put('apps/web/deployment.yaml', deployment);
    r.put('apps/web/settings.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web-settings", "namespace": "web"}, "data": {"mode": "fast"}}\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.severity !== 'info').map((f) => f.code)).toEqual([]);
    const cm = model.objects.find((o) => o.id === 'ConfigMap/web/web-settings');
    expect(cm?.owner).toBe('Kustomization/flux-system/web');
    expect(cm?.source.file).toBe('apps/web/settings.json');
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/web')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('name: web-settings');
    }
  });

  it('a save of a .json patch alone is seen by the dev server\'s next scan', async () => {
    const r = repo('json-patch-dev');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\npatches:\n  - path: ops.json\n    target: {kind: Deployment, name: web}\n');
    r.put('apps/web/deployment.yaml', deployment);
    const ops = (tag: string) => `[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "nginx:${tag}"}]\n`;
    r.put('apps/web/ops.json', ops('1.28'));
    const cache: ReadCache = new Map();
    const config = parseConfig({});
    const tag = async () => (await scanRepo(r.root, config, { cache })).model.objects.find((o) => o.id === 'Deployment/web/web')?.images?.map((i) => i.tag);
    expect(await tag()).toEqual(['1.28']);
    // No YAML file changed: the scan used to hand back the last model.
    r.put('apps/web/ops.json', ops('1.29'));
    expect(await tag()).toEqual(['1.29']);
  });
});
