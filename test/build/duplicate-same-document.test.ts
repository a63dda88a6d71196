/**
 * Two copies of one document with one id (a component two Kustomizations add, both into one
 * namespace): DUPLICATE_OBJECT says the document is made twice, not "defined twice: here and at" the
 * very same file and line (outside review of a home-ops repository, where it read like a glitch).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('one document made twice into one namespace', () => {
  const repo = tempRepos(afterAll);

  it('is said as such', async () => {
    const r = repo('duplicate-same-document');
    bootstrap(r);
    const ks = (name: string) => fluxKustomization(name, `./apps/${name}`, '  targetNamespace: database\n  components:\n    - ../../components/common\n');
    r.put('clusters/prod/apps.yaml', `${ks('postgres')}---\n${ks('pgadmin')}`);
    for (const name of ['postgres', 'pgadmin']) r.put(`apps/${name}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`);
    r.put('components/common/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - settings.yaml\n');
    r.put('components/common/settings.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-settings\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const messages = model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('ConfigMap/database/cluster-settings is made twice from this one document (two builds include it)');
    expect(messages[0]).not.toContain('here and at components/common/settings.yaml');
  });
});
