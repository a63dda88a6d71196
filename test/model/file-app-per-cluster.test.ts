/**
 * Where there are several clusters, a file only one cluster's builds take in (an overlay's
 * kustomization.yaml) is that cluster's app's, though both clusters' apps have the same folder: the
 * stage overlay's PATCH_NO_TARGET error was filed under the dev cluster's app, whose build is fine
 * (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { computeAtlas } from '../../src/pipeline/atlas.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

describe("a file one cluster's build takes in", () => {
  const repo = tempRepos(afterAll);

  it("is that cluster's app's, and so is its finding", async () => {
    const r = repo('file-app-per-cluster');
    for (const c of ['dev', 'stage']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/kustomization.yaml`, `resources:\n  - flux-system/gotk-sync.yaml\n  - ../../apps/nginx/overlays/${c}\n`);
    }
    r.put('apps/nginx/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
    r.put('apps/nginx/base/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nginx\n  namespace: nginx\nspec:\n  selector:\n    matchLabels: {app: nginx}\n  template:\n    metadata:\n      labels: {app: nginx}\n    spec:\n      containers:\n        - name: nginx\n          image: nginx:1.27\n');
    r.put('apps/nginx/overlays/dev/kustomization.yaml', 'resources:\n  - ../../base\n');
    r.put('apps/nginx/overlays/stage/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - patch: |\n      apiVersion: cert-manager.io/v1\n      kind: Certificate\n      metadata:\n        name: nginx-tls\n      spec:\n        secretName: x\n');
    const { analysis, model } = await computeAtlas(r.root, parseConfig({}));
    const stageOverlay = model.files.find((f) => f.path === 'apps/nginx/overlays/stage/kustomization.yaml');
    const devOverlay = model.files.find((f) => f.path === 'apps/nginx/overlays/dev/kustomization.yaml');
    expect(stageOverlay?.appId).toMatch(/^stage\//);
    expect(devOverlay?.appId).toMatch(/^dev\//);
    const error = analysis.findings.find((f) => f.code === 'PATCH_NO_TARGET');
    expect([error?.severity, error?.source.file, error?.appId?.split('/')[0]]).toEqual(['error', 'apps/nginx/overlays/stage/kustomization.yaml', 'stage']);
  });
});
