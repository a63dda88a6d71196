/**
 * A Flux Kustomization's spec.namePrefix / spec.nameSuffix rename every object of its build: Flux
 * writes them into the kustomization.yaml it generates around the path, so kustomize renames the
 * objects (not Namespaces) and the references its nameReference knows (a Deployment's ConfigMap), and
 * leaves a HelmRelease's sourceRef as written. The model showed the names as written, and so no
 * HELMRELEASE_SOURCE_MISSING for a source the prefix renames away (outside review, kustomize-heavy).
 * kubectl kustomize of that generated kustomization is the oracle.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - configMapRef:\n                name: web-settings\n            - secretRef:\n                name: web-secret\n';
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  MODE: blue\n';

describe("a Flux Kustomization's namePrefix", () => {
  const repo = tempRepos(afterAll);

  it('renames the objects of its build and the references kustomize follows, not a sourceRef', async () => {
    const r = repo('flux-name-prefix');
    bootstrap(r, 'prod');
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: blue\n  namePrefix: blue-\n'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - settings.yaml\n  - secret.yaml\n  - repo.yaml\n  - release.yaml\n');
    r.put('apps/web/deployment.yaml', deployment);
    r.put('apps/web/settings.yaml', configMap);
    r.put('apps/web/secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-secret\nstringData:\n  TOKEN: not-a-real-one\n');
    r.put('apps/web/repo.yaml', helmRepository('charts', 'https://charts.example.org').replace('  namespace: flux-system\n', ''));
    r.put('apps/web/release.yaml', helmRelease({ name: 'cache', source: 'charts' }).replace('        namespace: flux-system\n', ''));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const names = model.objects.filter((o) => o.namespace === 'blue').map((o) => `${o.kind}/${o.name}`).sort();
    expect(names).toEqual(['ConfigMap/blue-web-settings', 'Deployment/blue-web', 'HelmRelease/blue-cache', 'HelmRepository/blue-charts', 'Secret/blue-web-secret']);
    // The Deployment's reference follows the renamed Secret, as kustomize's nameReference does.
    expect(model.objects.find((o) => o.kind === 'Deployment')!.secretUses).toEqual([{ name: 'blue-web-secret', via: ['envFrom'] }]);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'HELMRELEASE_SOURCE_MISSING');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.message).toContain('its build names it blue/blue-charts');

    // The oracle: the kustomization.yaml Flux generates around the path.
    const gen = join(r.root, 'generated');
    mkdirSync(gen, { recursive: true });
    writeFileSync(join(gen, 'kustomization.yaml'), 'namespace: blue\nnamePrefix: blue-\nresources:\n  - ../apps/web\n');
    const oracle = kubectlKustomize(gen);
    if (oracle === 'absent') return;
    expect(oracle).not.toBe('failed');
    const out = (oracle as { output: string }).output;
    for (const n of ['name: blue-web', 'name: blue-web-settings', 'name: blue-cache', 'name: blue-charts']) expect(out).toContain(n);
    // The Deployment follows its ConfigMap; the HelmRelease keeps `charts`.
    expect(out).toMatch(/configMapRef:\n\s+name: blue-web-settings/);
    expect(out).toMatch(/secretRef:\n\s+name: blue-web-secret/);
    expect(out).toMatch(/kind: HelmRepository\n\s+name: charts/);
  });
});
