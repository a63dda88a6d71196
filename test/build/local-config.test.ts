/**
 * kustomize leaves a resource annotated `config.kubernetes.io/local-config: "true"` out of what it
 * emits; replacements still read it, also from a base. Outside review (twenty-fourth round): such a
 * ConfigMap of an apps overlay, built by two Kustomizations, was DUPLICATE_OBJECT and an app of its own.
 * kubectl kustomize is the oracle where it is installed.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a resource annotated as local configuration', () => {
  const repo = tempRepos(afterAll);

  it('feeds replacements but is no object of the cluster, however many builds read it', async () => {
    const r = repo('local-config');
    bootstrap(r, 'main');
    r.put('clusters/main/apps.yaml', `${fluxKustomization('apps', './apps/overlays/main')}---\n${fluxKustomization('private-apps', './apps/overlays/main')}`);
    r.put('apps/base/web/kustomization.yaml', 'resources:\n  - cm.yaml\n');
    r.put('apps/base/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\ndata:\n  host: placeholder\n');
    r.put('apps/overlays/main/cluster-config.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cluster-config\n  namespace: flux-system\n  annotations:\n    config.kubernetes.io/local-config: "true"\ndata:\n  domain: example.com\n');
    r.put(
      'apps/overlays/main/kustomization.yaml',
      'resources:\n  - cluster-config.yaml\n  - ../../base/web\nreplacements:\n  - source:\n      kind: ConfigMap\n      name: cluster-config\n      fieldPath: data.domain\n    targets:\n      - select:\n          kind: ConfigMap\n          name: web\n        fieldPaths:\n          - data.host\n',
    );
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.objects.filter((o) => o.name === 'cluster-config')).toEqual([]);
    expect(model.findings.filter((f) => f.source.file === 'apps/overlays/main/cluster-config.yaml')).toEqual([]);
    expect(model.apps.flatMap((a) => a.objects).filter((id) => id.includes('cluster-config'))).toEqual([]);
    // The base's ConfigMap, which both builds apply, is one object of the cluster all the same.
    expect(model.objects.filter((o) => o.kind === 'ConfigMap' && o.name === 'web').length).toBeGreaterThan(0);
    const built = kubectlKustomize(join(r.root, 'apps/overlays/main'));
    if (built !== 'absent') {
      expect(built).not.toBe('failed');
      const { output } = built as { output: string };
      expect(output).not.toContain('cluster-config');
      expect(output).toContain('host: example.com');
    }
  });
});
