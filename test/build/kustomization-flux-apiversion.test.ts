/**
 * A base folder's kustomization.yaml written with Flux's apiVersion (`kustomize.toolkit.fluxcd.io/v1`,
 * `kind: Kustomization`, `resources:` and no spec). kustomize reads it as the folder's kustomization and
 * refuses it ("apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1"). An outside
 * review found it modelled as a Flux Kustomization of no name ("not deployed"), and the overlay's
 * build failure named under another code.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a kustomization.yaml with the apiVersion of Flux', () => {
  const repo = tempRepos(afterAll);

  it('is the folder\'s kustomization, refused for its apiVersion, not a Flux object', async () => {
    const r = repo('kustomization-flux-apiversion');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/staging'));
    r.put('apps/staging/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base/web\n');
    r.put('apps/base/web/kustomization.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nresources:\n  - cm.yaml\n');
    r.put('apps/base/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.kustomizations.map((k) => k.name).sort()).toEqual(['apps', 'flux-system']);
    const errors = model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    expect(errors).toEqual(['KUSTOMIZE_WRONG_API_VERSION apps/base/web/kustomization.yaml:1']);
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'apps/staging')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1');
    }
  });
});
