/**
 * One manifest in the builds of two Flux Kustomizations of one cluster: a root at `./flux` with no
 * kustomization.yaml, whose generated file takes in `flux/apps/`, which the `apps` Kustomization
 * applies too. Both apply the release, each marks it as its own, and with prune one may delete it
 * from under the other. Outside review (a Raspberry Pi homelab): nothing was said. It is
 * DUPLICATE_OBJECT, naming both; a manifest only one build holds is not.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a manifest two Kustomizations apply', () => {
  const repo = tempRepos(afterAll);
  const scan = async (appsListed: boolean) => {
    const r = repo('applied-twice');
    r.put('flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './flux'));
    r.put('flux/flux-system/apps.yaml', fluxKustomization('apps', './flux/apps'));
    if (appsListed) r.put('flux/apps/kustomization.yaml', 'resources:\n  - jellyfin.yaml\n');
    else r.put('flux/kustomization.yaml', 'resources:\n  - flux-system/gotk-sync.yaml\n  - flux-system/apps.yaml\n');
    r.put('flux/apps/jellyfin.yaml', helmRelease({ name: 'jellyfin', namespace: 'media' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => `${f.source.file}:${f.source.line} ${f.message.split(':')[0]}`);
  };

  it("is said where the root's generated build takes the folder in", async () => {
    expect(await scan(true)).toEqual(['flux/apps/jellyfin.yaml:1 HelmRelease/media/jellyfin is in the builds of 2 Flux Kustomizations, Kustomization/flux-system/flux-system and Kustomization/flux-system/apps']);
  });

  it('not where only one build holds it', async () => {
    expect(await scan(false)).toEqual([]);
  });
});

/**
 * A base without a namespace built by two Kustomizations, one of which gives it a namespace and the
 * other none: two objects to Flux (kubectl kustomize prints `namespace: team-a` and none), not one
 * applied twice (outside review's probe: a false DUPLICATE_OBJECT named team-a/web for both).
 */
describe('a base without a namespace, placed by one build and not by the other', () => {
  const repo = tempRepos(afterAll);

  it('is not said to be applied twice', async () => {
    const r = repo('applied-twice-unplaced');
    r.put('clusters/staging/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/staging'));
    r.put('clusters/staging/apps.yaml', `${fluxKustomization('team-a', './apps/team-a')}---\n${fluxKustomization('team-b', './apps/team-b')}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - deploy.yaml\n');
    r.put('apps/base/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n');
    r.put('apps/team-a/kustomization.yaml', 'namespace: team-a\nresources:\n  - ../base\n');
    r.put('apps/team-b/kustomization.yaml', 'resources:\n  - ../base\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT')).toEqual([]);
  });
});

/**
 * One root per environment folder (`env/<name>/`), each cluster bootstrapped with `flux bootstrap
 * --path=./env/<name>`, where the repository holds the sync file of one of them only: every
 * environment's Kustomization builds the same base. They are three clusters, one copy each, not one
 * cluster applying the base three times (outside review: eleven false DUPLICATE_OBJECT warnings).
 */
describe('roots in environment folders beside a bootstrapped one', () => {
  const repo = tempRepos(afterAll);
  const scan = async (syncs: readonly string[]) => {
    const r = repo('env-clusters');
    for (const env of syncs) r.put(`env/${env}/flux-system/gotk-sync.yaml`, fluxKustomization('flux-system', `./env/${env}`));
    for (const env of ['development', 'production', 'testing']) {
      r.put(`env/${env}/overlays.yaml`, fluxKustomization(`overlays-${env}`, `./overlays/${env}`));
      r.put(`overlays/${env}/minio.yaml`, fluxKustomization(`minio-${env}`, './bases/minio'));
    }
    r.put('bases/minio/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('bases/minio/release.yaml', helmRelease({ name: 'minio', namespace: 'minio' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    return { clusters: model.clusters, duplicates: model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').length, releases: model.helmReleases.map((h) => h.cluster ?? null).sort() };
  };

  it('are clusters of their own where one sync file is committed', async () => {
    expect(await scan(['development'])).toEqual({ clusters: ['development', 'production', 'testing'], duplicates: 0, releases: ['development', 'production', 'testing'] });
  });

  it('and where every sync file is', async () => {
    expect(await scan(['development', 'production', 'testing'])).toEqual({ clusters: ['development', 'production', 'testing'], duplicates: 0, releases: ['development', 'production', 'testing'] });
  });

  it('but roots beside a bootstrap of a layout folder (`kubernetes/flux`) stay in its cluster', async () => {
    const r = repo('layout-bootstrap');
    r.put('kubernetes/flux/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './kubernetes/flux'));
    r.put('kubernetes/extra/ks.yaml', fluxKustomization('extra', './bases/minio'));
    r.put('kubernetes/other/ks.yaml', fluxKustomization('other', './bases/minio2'));
    r.put('bases/minio/release.yaml', helmRelease({ name: 'minio', namespace: 'minio' }));
    r.put('bases/minio2/release.yaml', helmRelease({ name: 'minio2', namespace: 'minio' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.clusters).toEqual([]);
  });
});

/**
 * A Kustomization whose folder (no kustomization.yaml: Flux lists every manifest) holds its own
 * definition again (`sync.yaml`) applies itself, but it is one object of the cluster: what the folder
 * holds has one applier (outside review, twenty-fourth round: ten false DUPLICATE_OBJECT naming
 * "grafana-operator and grafana-operator"). Its own definition is applied by its parent and by itself.
 */
describe('a Kustomization that builds its own definition', () => {
  const repo = tempRepos(afterAll);

  it('is one applier of its folder', async () => {
    const r = repo('self-sync');
    r.put('clusters/production/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    r.put('clusters/production/infrastructure.yaml', fluxKustomization('grafana-operator', './infrastructure/grafana-operator'));
    r.put('infrastructure/grafana-operator/sync.yaml', fluxKustomization('grafana-operator', './infrastructure/grafana-operator'));
    r.put('infrastructure/grafana-operator/release.yaml', helmRelease({ name: 'grafana-operator', namespace: 'monitoring' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const duplicates = model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => f.source.file);
    expect(duplicates).not.toContain('infrastructure/grafana-operator/release.yaml');
    expect(duplicates).toContain('infrastructure/grafana-operator/sync.yaml');
  });
});
