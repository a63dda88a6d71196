/**
 * DUPLICATE_OBJECT says two Kustomizations apply one object and the last one wins. An outside review
 * found it where neither copy reaches the cluster: one owner's build fails (Flux applies nothing of
 * it, "its manifests are not checked"), or the object has no namespace at all, so both applies fail
 * (FLUX_NAMESPACE_NOT_SPECIFIED) and nothing of it lands in `default`. The control: two builds
 * that do apply it still get the warning.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const settings = (ns: string | null) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n${ns ? `  namespace: ${ns}\n` : ''}data:\n  LOG_LEVEL: info\n`;

describe('an object two Kustomizations would apply', () => {
  const repo = tempRepos(afterAll);
  const layout = (name: string, ns: string | null, bExtra = '') => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', `${fluxKustomization('app-a', './apps/a')}---\n${fluxKustomization('app-b', './apps/b')}`);
    r.put('apps/a/kustomization.yaml', 'resources:\n  - settings.yaml\n');
    r.put('apps/a/settings.yaml', settings(ns));
    r.put('apps/b/kustomization.yaml', `resources:\n  - settings.yaml\n${bExtra}`);
    r.put('apps/b/settings.yaml', settings(ns));
    return r;
  };
  const codes = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    return analyse(model, config).findings.filter((f) => f.severity !== 'info').map((f) => f.code).sort();
  };

  it('is a DUPLICATE_OBJECT where both apply it', async () => {
    expect(await codes(layout('dup-both', 'default').root)).toEqual(['DUPLICATE_OBJECT']);
  });

  it('is none where one owner cannot be built: Flux applies nothing of that one', async () => {
    expect(await codes(layout('dup-unbuildable', 'default', '  - deployment.yaml\n').root)).toEqual(['KUSTOMIZE_FILE_MISSING']);
  });

  it('is none where the object has no namespace: both applies fail, nothing lands in default', async () => {
    expect(await codes(layout('dup-namespaceless', null).root)).toEqual(['FLUX_NAMESPACE_NOT_SPECIFIED', 'FLUX_NAMESPACE_NOT_SPECIFIED']);
  });
});
