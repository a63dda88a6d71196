/**
 * A layer's kustomize folder named as one of the releases it holds (`infrastructure/controllers/
 * cloudnative-pg`: namespace.yaml, repository.yaml, release.yaml with cloudnative-pg, wal-minio.yaml
 * with cnpg-wal-minio) is one app, the folder's, with its Namespace and HelmRepository. It was an app
 * per file at folders that are not there (`cloudnative-pg/release`), and the Namespace and the
 * HelmRepository went to the layer Kustomization's app, which became an app of namespace cnpg
 * (outside review). A folder of release files named after none of them stays an app per file.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a kustomize folder named as one of its releases', () => {
  const repo = tempRepos(afterAll);
  it('is one app with its shared objects; a folder named after none stays an app per file', async () => {
    const r = repo('release-named-folder');
    bootstrap(r);
    r.put('clusters/prod/infrastructure.yaml', fluxKustomization('infra-controllers', './infrastructure/controllers'));
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - cloudnative-pg\n  - ingress\n');
    r.put('infrastructure/controllers/cloudnative-pg/kustomization.yaml', 'namespace: cnpg\nresources:\n  - namespace.yaml\n  - repository.yaml\n  - release.yaml\n  - wal-minio.yaml\n');
    r.put('infrastructure/controllers/cloudnative-pg/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cnpg\n');
    r.put('infrastructure/controllers/cloudnative-pg/repository.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: cnpg-repo\nspec:\n  interval: 1h\n  url: https://cloudnative-pg.github.io/charts\n');
    r.put('infrastructure/controllers/cloudnative-pg/release.yaml', helmRelease({ name: 'cloudnative-pg', source: 'cnpg-repo' }).replace('        namespace: flux-system\n', ''));
    r.put('infrastructure/controllers/cloudnative-pg/wal-minio.yaml', helmRelease({ name: 'cnpg-wal-minio', chart: 'tenant', source: 'cnpg-repo' }).replace('        namespace: flux-system\n', ''));
    r.put('infrastructure/controllers/ingress/kustomization.yaml', 'namespace: ingress\nresources:\n  - traefik.yaml\n  - external-dns.yaml\n');
    r.put('infrastructure/controllers/ingress/traefik.yaml', helmRelease({ name: 'traefik' }));
    r.put('infrastructure/controllers/ingress/external-dns.yaml', helmRelease({ name: 'external-dns' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const apps = Object.fromEntries(model.apps.map((a) => [a.id, [a.dir, a.objects]]));
    expect(apps['cnpg/cloudnative-pg']).toEqual([
      'infrastructure/controllers/cloudnative-pg',
      ['HelmRelease/cnpg/cloudnative-pg', 'HelmRelease/cnpg/cnpg-wal-minio', 'HelmRepository/cnpg/cnpg-repo', 'Namespace/_cluster/cnpg'],
    ]);
    expect(apps['flux-system/infra-controllers']).toEqual(['infrastructure/controllers', ['Kustomization/flux-system/infra-controllers']]);
    expect(apps['ingress/traefik']?.[0]).toBe('infrastructure/controllers/ingress/traefik');
    expect(apps['ingress/external-dns']?.[0]).toBe('infrastructure/controllers/ingress/external-dns');
  });
});
