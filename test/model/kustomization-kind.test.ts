/**
 * kustomize reads a kustomization file's kind as written: `kind: kustomization` stops the build
 * ("kind should be Kustomization or Component"; kubectl kustomize agrees). An outside review found
 * one accepted and its objects shown as deployed. Judged where kustomize reads the file strictly (a
 * folder a build lists), as unknown fields are; the file at a Flux Kustomization's own path is
 * rewritten by the kustomize-controller first.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a listed folder whose kustomization.yaml has the wrong kind', () => {
  const repo = tempRepos(afterAll);

  it('stops the build: one error, and the app is not deployed', async () => {
    const r = repo('kustomization-kind');
    bootstrap(r, 'dev');
    r.put('clusters/dev/apps.yaml', fluxKustomization('apps', './apps/dev'));
    r.put('apps/dev/kustomization.yaml', 'resources:\n  - sub\n');
    r.put('apps/dev/sub/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: kustomization\nresources:\n  - cm.yaml\n');
    r.put('apps/dev/sub/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\ndata:\n  a: "1"\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`)).toEqual(['KUSTOMIZE_WRONG_API_VERSION apps/dev/sub/kustomization.yaml:2']);
    expect(findings.find((f) => f.severity === 'error')!.message).toContain('says kind kustomization');
    // The oracle, where kubectl is installed: kustomize refuses the folder too.
    const built = kubectlKustomize(join(r.root, 'apps/dev'));
    if (built !== 'absent') expect(built).toBe('failed');
  });
});
