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

describe('what DUPLICATE_OBJECT says of pruning', () => {
  // The root's generated build of `./apps` takes in `apps/cloud/namespace.yaml`, which the `cloud`
  // Kustomization applies too. Flux deletes nothing annotated prune: disabled, nor does a
  // Kustomization without prune: true (outside review: the deletion was said of a Namespace kept so).
  const repo = tempRepos(afterAll);
  const message = async (name: string, annotation: boolean, prune: boolean) => {
    const r = repo(name);
    bootstrap(r);
    const ks = (n: string, path: string) => fluxKustomization(n, path).replace('prune: true', `prune: ${prune}`);
    r.put('clusters/prod/apps.yaml', ks('apps', './apps'));
    r.put('apps/cloud.yaml', ks('cloud', './apps/cloud'));
    r.put('apps/cloud/namespace.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cloud\n${annotation ? '  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n' : ''}`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'DUPLICATE_OBJECT');
    expect(found.map((f) => f.source.file)).toEqual(['apps/cloud/namespace.yaml']);
    return found[0]!.message;
  };

  it('says a pruning owner deletes it from under the other', async () => {
    expect(await message('dup-pruned', false, true)).toContain('one that stops applying it deletes it from under the other');
  });

  it('says none deletes it where it is annotated prune: disabled', async () => {
    const m = await message('dup-kept', true, true);
    expect(m).not.toContain('deletes it from under');
    expect(m).toContain('annotated kustomize.toolkit.fluxcd.io/prune: disabled');
  });

  it('says none deletes it where neither Kustomization prunes', async () => {
    const m = await message('dup-no-prune', false, false);
    expect(m).not.toContain('deletes it from under');
    expect(m).toContain('none of them prunes');
  });
});
