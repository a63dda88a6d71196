/**
 * A manifest a kustomization.yaml lists with a kind and no metadata.name (a kind cluster's config, a
 * Job with only generateName): kustomize stops ("missing metadata.name in object"), so Flux applies
 * nothing of the build. The object was dropped without a word and the app shown deployed (outside
 * review). kubectl kustomize is the oracle; a `...List` and a name written as a number build.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('a listed manifest without metadata.name', () => {
  const repo = tempRepos(afterAll);
  const scan = async (doc: string) => {
    const r = repo('resource-unnamed');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - cm.yaml\n  - doc.yaml\n');
    r.put('apps/web/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: web\n');
    r.put('apps/web/doc.yaml', doc);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const oracle = kubectlKustomize(join(r.root, 'apps/web'));
    return {
      errors: model.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.source.file}:${f.source.line}`),
      notDeployed: model.apps.find((a) => a.kustomizations.includes('Kustomization/flux-system/web'))?.notDeployed ?? null,
      oracle,
    };
  };

  it('stops the build: an error at the document, the app not deployed', async () => {
    for (const doc of ['kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: local\n', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n  namespace: web\n']) {
      const { errors, notDeployed, oracle } = await scan(doc);
      expect(errors).toEqual(['KUSTOMIZE_RESOURCE_UNNAMED apps/web/doc.yaml:1']);
      expect(notDeployed).toMatch(/cannot be built/);
      if (oracle !== 'absent') expect(oracle).toBe('failed');
    }
  });

  it('says nothing of a List, or of a name written as a number', async () => {
    for (const doc of ['apiVersion: v1\nkind: ConfigMapList\nitems: []\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 123\n  namespace: web\n']) {
      const { errors, notDeployed, oracle } = await scan(doc);
      expect(errors).toEqual([]);
      expect(notDeployed).toBeNull();
      if (oracle !== 'absent') expect(oracle).not.toBe('failed');
    }
  });
});
