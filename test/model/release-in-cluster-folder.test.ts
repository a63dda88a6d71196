/**
 * A HelmRelease written in a cluster's own folder (`clusters/bands/demo.yaml`, beside `infra/` and
 * `ctic/` folders of releases), which the bootstrap root builds with a kustomization.yaml Flux
 * generates. An outside review found it the app of the whole cluster folder: it took every release
 * below it (60 of 62 objects in one app named after the demo release).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

describe('a HelmRelease in the cluster folder a root builds', () => {
  const repo = tempRepos(afterAll);

  it('is an app of its own file, and the releases below have apps of their own', async () => {
    const r = repo('release-in-cluster-folder');
    bootstrap(r, 'bands');
    r.put('clusters/bands/demo.yaml', helmRelease({ name: 'nginx', namespace: 'default' }));
    r.put('clusters/bands/sources.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('clusters/bands/infra/cert-manager.yaml', helmRelease({ name: 'cert-manager', namespace: 'kube-system' }));
    r.put('clusters/bands/infra/longhorn.yaml', helmRelease({ name: 'longhorn', namespace: 'longhorn-system' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const appOf = (name: string) => model.apps.find((a) => a.id === model.helmReleases.find((h) => h.name === name)?.appId);
    expect(appOf('nginx')?.dir).toBe('clusters/bands/demo');
    expect(appOf('cert-manager')?.objects).toEqual(['HelmRelease/kube-system/cert-manager']);
    expect(appOf('longhorn')?.name).toBe('longhorn');
  });
});
