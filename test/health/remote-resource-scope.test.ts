/**
 * A kustomization's remote resource may make what the repository does not hold, but only in the
 * namespace its build puts it in (the Flux Kustomization's targetNamespace, a kustomization's
 * `namespace:`) or anywhere where none does; a file or folder of CRDs makes no claim, source or
 * namespace at all. Outside review: dragonfly's operator CRDs by URL (`.../manifests/crd.yaml`, in a
 * Kustomization with `targetNamespace: database`) silenced every EXISTING_CLAIM_MISSING of the
 * repository and glance's missing chartRef OCIRepository in `default`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { crdsOnly } from '../../src/model/outside-content.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const DRAGONFLY_CRDS = 'https://raw.githubusercontent.com/dragonflydb/dragonfly-operator/v1.2.1/manifests/crd.yaml';
const OPERATOR = 'https://github.com/example/operator/releases/download/v1.0.0/install.yaml';

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const ociRepository = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n  url: oci://ghcr.io/example/charts/${name}\n  ref:\n    tag: 1.0.0\n`;
const chartRefRelease = (name: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n`;
const claimRelease = (name: string, claim: string) => helmRelease({ name, chart: 'app-template', values: `    persistence:\n      config:\n        existingClaim: ${claim}\n` });

describe('what a remote resource may make', () => {
  const repo = tempRepos(afterAll);

  /**
   * home-ops' layout: one Flux Kustomization per app with its targetNamespace. `remote` is listed in
   * database/dragonfly's kustomization.yaml, under `dragonflyNamespace:` when given.
   */
  const scan = async (remote: string, o: { target?: string | null; dragonflyNamespace?: string } = {}) => {
    const r = repo('remote-scope');
    bootstrap(r, 'main');
    r.put('clusters/main/repos.yaml', helmRepository('charts', 'https://charts.example.org'));
    const target = o.target === undefined ? 'database' : o.target;
    r.put('clusters/main/dragonfly.yaml', fluxKustomization('dragonfly', './apps/database/dragonfly/app', target ? `  targetNamespace: ${target}\n` : ''));
    r.put('clusters/main/glance.yaml', fluxKustomization('glance', './apps/default/glance', '  targetNamespace: default\n'));
    r.put('clusters/main/radarr.yaml', fluxKustomization('radarr', './apps/media/radarr', '  targetNamespace: media\n'));
    r.put('clusters/main/cache.yaml', fluxKustomization('cache', './apps/database/cache', '  targetNamespace: database\n'));
    r.put('apps/database/dragonfly/app/kustomization.yaml', `${o.dragonflyNamespace ? `namespace: ${o.dragonflyNamespace}\n` : ''}resources:\n  - ${remote}\n  - ocirepository.yaml\n  - helmrelease.yaml\n`);
    r.put('apps/database/dragonfly/app/ocirepository.yaml', ociRepository('dragonfly'));
    r.put('apps/database/dragonfly/app/helmrelease.yaml', chartRefRelease('dragonfly'));
    r.put('apps/default/glance/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/default/glance/helmrelease.yaml', chartRefRelease('glance'));
    r.put('apps/media/radarr/kustomization.yaml', 'resources:\n  - pvc.yaml\n  - helmrelease.yaml\n');
    r.put('apps/media/radarr/pvc.yaml', pvc('radarr-cache'));
    r.put('apps/media/radarr/helmrelease.yaml', claimRelease('radarr', 'radarr'));
    r.put('apps/database/cache/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/database/cache/helmrelease.yaml', claimRelease('cache', 'cache-data'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config)
      .findings.filter((f) => ['EXISTING_CLAIM_MISSING', 'HELMRELEASE_SOURCE_MISSING'].includes(f.code))
      .map((f) => `${f.code} ${f.objectId}`)
      .sort();
  };

  it('a URL of CRDs makes nothing a check looks for: the claims and the source are missing still', async () => {
    expect(await scan(DRAGONFLY_CRDS)).toEqual([
      'EXISTING_CLAIM_MISSING HelmRelease/database/cache',
      'EXISTING_CLAIM_MISSING HelmRelease/media/radarr',
      'HELMRELEASE_SOURCE_MISSING HelmRelease/default/glance',
    ]);
  });

  it("an operator's install in a Kustomization with a targetNamespace may make them in that namespace only", async () => {
    expect(await scan(OPERATOR)).toEqual(['EXISTING_CLAIM_MISSING HelmRelease/media/radarr', 'HELMRELEASE_SOURCE_MISSING HelmRelease/default/glance']);
    // The kustomization's own `namespace:` puts it there as well.
    expect(await scan(OPERATOR, { target: null, dragonflyNamespace: 'media' })).toEqual(['EXISTING_CLAIM_MISSING HelmRelease/database/cache', 'HELMRELEASE_SOURCE_MISSING HelmRelease/default/glance']);
  });

  it('one that nothing puts in a namespace may make them anywhere: silent, as before', async () => {
    expect(await scan(OPERATOR, { target: null })).toEqual([]);
  });

  it('names CRDs by the conventions of their files and folders', () => {
    for (const entry of [
      DRAGONFLY_CRDS,
      'https://github.com/cert-manager/cert-manager/releases/download/v1.16.1/cert-manager.crds.yaml',
      'https://github.com/prometheus-operator/prometheus-operator/releases/download/v0.78.1/stripped-down-crds.yaml',
      'github.com/kubernetes-sigs/gateway-api/config/crd?ref=v1.2.0',
      'https://raw.githubusercontent.com/kubernetes-csi/external-snapshotter/v8.1.0/client/config/crd/snapshot.storage.k8s.io_volumesnapshots.yaml',
    ]) expect(crdsOnly(entry), entry).toBe(true);
    for (const entry of [OPERATOR, 'https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml', 'github.com/rancher/local-path-provisioner/deploy?ref=v0.0.30']) expect(crdsOnly(entry), entry).toBe(false);
  });
});

describe('NAMESPACE_MISSING beside a remote resource', () => {
  const repo = tempRepos(afterAll);
  const scan = async (kustomization: string) => {
    const r = repo('remote-scope-ns');
    bootstrap(r, 'main');
    r.put('clusters/main/repos.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('clusters/main/operator.yaml', fluxKustomization('operator', './apps/operator'));
    r.put('clusters/main/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/operator/kustomization.yaml', kustomization);
    r.put('apps/web/kustomization.yaml', 'resources:\n  - helmrelease.yaml\n');
    r.put('apps/web/helmrelease.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'NAMESPACE_MISSING').map((f) => `${f.code} ${f.source.file}`);
  };

  it('CRDs make no Namespace; an install under `namespace: x` makes only x (kustomize names every Namespace of the build after it)', async () => {
    expect(await scan(`resources:\n  - ${DRAGONFLY_CRDS}\n`)).toEqual(['NAMESPACE_MISSING apps/web/helmrelease.yaml']);
    expect(await scan(`namespace: operators\nresources:\n  - ${OPERATOR}\n`)).toEqual(['NAMESPACE_MISSING apps/web/helmrelease.yaml']);
    expect(await scan(`namespace: web\nresources:\n  - ${OPERATOR}\n`)).toEqual([]);
    expect(await scan(`resources:\n  - ${OPERATOR}\n`)).toEqual([]);
  });
});
