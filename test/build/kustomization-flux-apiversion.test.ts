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

  // The same file at a Flux Kustomization's own path (outside review: `infrastructure/dev`). Flux's
  // generator decodes it over a default apiVersion and kind, which the file's own overwrite, and kustomize
  // refuses it as kubectl does; the unknown fields it drops (a `spec:`) stop nothing there.
  it("stops the build at a Flux Kustomization's own path too, where unknown fields do not", async () => {
    const r = repo('kustomization-flux-apiversion-at-path');
    bootstrap(r);
    r.put('clusters/prod/infra.yaml', fluxKustomization('infrastructure', './infrastructure/dev'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('infrastructure/dev/kustomization.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nresources:\n  - ../base\n');
    r.put('infrastructure/base/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n');
    r.put('infrastructure/base/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: infra\n  namespace: default\n');
    r.put('apps/dev/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nspec:\n  note: dropped by Flux\nresources:\n  - cm.yaml\n');
    r.put('apps/dev/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const errors = model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`);
    expect(errors).toEqual(['KUSTOMIZE_WRONG_API_VERSION infrastructure/dev/kustomization.yaml:1']);
    const appOf = (name: string) => model.apps.find((a) => a.id === model.kustomizations.find((k) => k.name === name)?.appId);
    expect(appOf('infrastructure')?.notDeployed).toContain('cannot be built');
    expect(appOf('apps')?.notDeployed ?? null).toBeNull();
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'infrastructure/dev')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1');
    }
  });

  // Flux's generator reads the first YAML document of the file at its path: where that is empty it keeps
  // its own defaults and builds nothing, with no error (code review). Where it is another object, kustomize
  // refuses it, as anywhere.
  it("says nothing of a kustomization.yaml at a Flux path whose first document is empty; refuses another object first", async () => {
    const scan = async (name: string, text: string) => {
      const r = repo(name);
      bootstrap(r);
      r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps/dev'));
      r.put('apps/dev/kustomization.yaml', text);
      r.put('apps/dev/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\n');
      const { model } = await scanRepo(r.root, parseConfig({}));
      return model.findings.filter((f) => f.severity === 'error').map((f) => f.code);
    };
    const KS = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - cm.yaml\n';
    expect(await scan('flux-path-first-empty', `---\n# nothing\n---\n${KS}`)).toEqual([]);
    expect(await scan('flux-path-first-object', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n---\n${KS}`)).toEqual(['KUSTOMIZE_WRONG_API_VERSION']);
  });
});
