/**
 * Operators' resources (a CloudNativePG Cluster, a VolSync ReplicationSource, a Dragonfly) need the
 * operator's CRDs upstream: kustomize-controller's dry-run of a Kustomization holding one fails until
 * the CRD exists. An app whose Kustomization does not depend on the operator's (directly or through
 * another) is IMPLICIT_DEPENDENCY_MISSING, as the corpus shows (a home-ops app taking the dragonfly
 * component without the dependsOn its six siblings have).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, helmRelease, tempRepos } from '../support/temp-repo.ts';

const ks = (name: string, ns: string, path: string, dependsOn: string[] = []) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n${dependsOn.length ? `  dependsOn:\n${dependsOn.map((d) => `    - name: ${d}\n`).join('')}` : ''}  interval: 1h\n  path: ${path}\n  prune: true\n  targetNamespace: ${ns}\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n`;
const cnpg = (name: string) => `apiVersion: postgresql.cnpg.io/v1\nkind: Cluster\nmetadata:\n  name: ${name}\nspec:\n  instances: 1\n  storage:\n    size: 1Gi\n`;

describe('operator resources and the operator upstream', () => {
  const repo = tempRepos(afterAll);

  it('warns for an app with a CloudNativePG Cluster that does not depend on cloudnative-pg, not for one that does (or through another)', async () => {
    const r = repo('implicit-operators');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps').replace('  targetNamespace: flux-system\n', ''));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./database/cloudnative-pg/ks.yaml\n  - ./tools/wiki/ks.yaml\n  - ./tools/notes/ks.yaml\n  - ./tools/chat/ks.yaml\n  - ./tools/base/ks.yaml\n  - ./database/namespace.yaml\n  - ./tools/namespace.yaml\n');
    r.put('apps/database/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: database\n');
    r.put('apps/tools/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: tools\n');
    r.put('apps/database/cloudnative-pg/ks.yaml', ks('cloudnative-pg', 'database', './apps/database/cloudnative-pg/app'));
    r.put('apps/database/cloudnative-pg/app/helmrelease.yaml', helmRelease({ name: 'cloudnative-pg' }));
    // Declared directly, missing, and declared through a Kustomization that depends on the operator.
    r.put('apps/tools/wiki/ks.yaml', ks('wiki', 'tools', './apps/tools/wiki/app', ['cloudnative-pg']));
    r.put('apps/tools/wiki/app/cluster.yaml', cnpg('wiki-db'));
    r.put('apps/tools/notes/ks.yaml', ks('notes', 'tools', './apps/tools/notes/app'));
    r.put('apps/tools/notes/app/cluster.yaml', cnpg('notes-db'));
    r.put('apps/tools/base/ks.yaml', ks('base', 'tools', './apps/tools/base/app', ['cloudnative-pg']));
    r.put('apps/tools/base/app/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n');
    r.put('apps/tools/chat/ks.yaml', ks('chat', 'tools', './apps/tools/chat/app', ['base']));
    r.put('apps/tools/chat/app/cluster.yaml', cnpg('chat-db'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'));
    expect(found.map((f) => `${f.code} ${f.severity} ${f.source.file}`)).toEqual(['IMPLICIT_DEPENDENCY_MISSING warning apps/tools/notes/ks.yaml']);
    expect(found[0]!.message).toContain('[cnpg-crds]');
    expect(found[0]!.message).toContain('Cluster/tools/notes-db');
    expect(found[0]!.message).toContain('Add dependsOn: [{ name: cloudnative-pg, namespace: flux-system }]');
  });

  it("counts a release's own dependsOn for the claims its chart renders (not for a claim manifest beside it)", async () => {
    const r = repo('implicit-release-depends');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps').replace('  targetNamespace: flux-system\n', ''));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./storage/longhorn/ks.yaml\n  - ./media/plex/ks.yaml\n  - ./media/sonarr/ks.yaml\n  - ./storage/namespace.yaml\n  - ./media/namespace.yaml\n');
    r.put('apps/storage/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: storage\n');
    r.put('apps/media/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    r.put('apps/storage/longhorn/ks.yaml', ks('longhorn', 'storage', './apps/storage/longhorn/app'));
    r.put('apps/storage/longhorn/app/helmrelease.yaml', helmRelease({ name: 'longhorn' }));
    const appTemplate = (name: string, dependsOn: string) =>
      helmRelease({ name, chart: 'app-template', version: '4.2.0', values: `    controllers:\n      ${name}:\n        containers:\n          app:\n            image:\n              repository: ghcr.io/example/${name}\n              tag: 1.0.0\n    persistence:\n      config:\n        type: persistentVolumeClaim\n        storageClass: longhorn\n        size: 1Gi\n        accessMode: ReadWriteOnce\n` }).replace('spec:\n', `spec:\n${dependsOn}`);
    // plex's release depends on the longhorn release: its chart's claim waits for it.
    r.put('apps/media/plex/ks.yaml', ks('plex', 'media', './apps/media/plex/app'));
    r.put('apps/media/plex/app/helmrelease.yaml', appTemplate('plex', '  dependsOn:\n    - name: longhorn\n      namespace: storage\n'));
    // sonarr's release does not.
    r.put('apps/media/sonarr/ks.yaml', ks('sonarr', 'media', './apps/media/sonarr/app'));
    r.put('apps/media/sonarr/app/helmrelease.yaml', appTemplate('sonarr', ''));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'));
    expect(found.map((f) => `${f.code} ${f.source.file}`)).toEqual(['IMPLICIT_DEPENDENCY_MISSING apps/media/sonarr/ks.yaml']);
    expect(found[0]!.message).toContain('[storage-longhorn]');
  });

  it('counts a dependsOn of the Kustomization that applies the consumer (a parent reconciled after the provider)', async () => {
    const r = repo('implicit-parent-depends');
    bootstrap(r, 'home');
    // The flux2-kustomize-helm-example shape: apps depends on infrastructure, which applies the operator.
    r.put('clusters/home/infrastructure.yaml', ks('infrastructure', 'flux-system', './infrastructure').replace('  targetNamespace: flux-system\n', '  wait: true\n'));
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps', ['infrastructure']).replace('  targetNamespace: flux-system\n', ''));
    r.put('infrastructure/kustomization.yaml', 'resources:\n  - ./cloudnative-pg.yaml\n  - ./namespace.yaml\n');
    r.put('infrastructure/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: database\n');
    r.put('infrastructure/cloudnative-pg.yaml', ks('cloudnative-pg', 'database', './operators/cloudnative-pg').replace('  interval: 1h\n', '  interval: 1h\n  wait: true\n'));
    r.put('operators/cloudnative-pg/helmrelease.yaml', helmRelease({ name: 'cloudnative-pg' }));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./mail.yaml\n  - ./namespace.yaml\n');
    r.put('apps/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mail\n');
    r.put('apps/mail.yaml', ks('mail', 'mail', './mail'));
    r.put('mail/cluster.yaml', cnpg('mail-db'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'));
    expect(found).toEqual([]);
    // Without the parent's dependsOn, the consumer is ordered by nothing.
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps').replace('  targetNamespace: flux-system\n', ''));
    const { model: again } = await scanRepo(r.root, config);
    expect(analyse(again, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY')).map((f) => f.source.file)).toEqual(['apps/mail.yaml']);
  });

  it('finds the provider in a Kustomization that applies several releases (infra-controllers)', async () => {
    const r = repo('implicit-infra-controllers');
    bootstrap(r, 'home');
    r.put('clusters/home/infra.yaml', ks('infra-controllers', 'flux-system', './infrastructure/controllers').replace('  targetNamespace: flux-system\n', '  wait: true\n'));
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps').replace('  targetNamespace: flux-system\n', ''));
    r.put('infrastructure/controllers/kustomization.yaml', 'resources:\n  - ./cloudnative-pg.yaml\n  - ./reloader.yaml\n');
    r.put('infrastructure/controllers/cloudnative-pg.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: cnpg-system\n---\n${helmRelease({ name: 'cloudnative-pg', namespace: 'cnpg-system' })}`);
    r.put('infrastructure/controllers/reloader.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: reloader\n---\n${helmRelease({ name: 'reloader', namespace: 'reloader' })}`);
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./cluster.yaml\n');
    r.put('apps/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: wiki\n');
    r.put('apps/cluster.yaml', cnpg('wiki-db').replace('metadata:\n', 'metadata:\n  namespace: wiki\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'));
    expect(found.map((f) => `${f.code} ${f.source.file}`)).toEqual(['IMPLICIT_DEPENDENCY_MISSING clusters/home/apps.yaml']);
    expect(found[0]!.message).toContain('flux-system/infra-controllers');
    // Declared: apps depends on infra-controllers.
    r.put('clusters/home/apps.yaml', ks('apps', 'flux-system', './apps', ['infra-controllers']).replace('  targetNamespace: flux-system\n', ''));
    const { model: again } = await scanRepo(r.root, config);
    expect(analyse(again, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY'))).toEqual([]);
  });

  it("takes no other cluster's infra-controllers for a consumer's provider (code review)", async () => {
    const r = repo('implicit-infra-clusters');
    for (const c of ['prod', 'staging']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/infra.yaml`, `${ks('infra-controllers', 'flux-system', `./infrastructure/${c}`).replace('  targetNamespace: flux-system\n', '  wait: true\n')}---\n${ks('apps', 'flux-system', `./apps/${c}`, ['infra-controllers']).replace('  targetNamespace: flux-system\n', '')}`);
      r.put(`apps/${c}/kustomization.yaml`, 'resources:\n  - ../base\n');
    }
    // prod installs longhorn; staging does not (its claims are another class's concern, not prod's longhorn).
    r.put('infrastructure/prod/kustomization.yaml', 'resources:\n  - ./longhorn.yaml\n');
    r.put('infrastructure/prod/longhorn.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: longhorn-system\n---\n${helmRelease({ name: 'longhorn', namespace: 'longhorn-system' })}`);
    r.put('infrastructure/staging/kustomization.yaml', 'resources:\n  - ./reloader.yaml\n');
    r.put('infrastructure/staging/reloader.yaml', `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: reloader\n---\n${helmRelease({ name: 'reloader', namespace: 'reloader' })}`);
    r.put('apps/base/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./pvc.yaml\n');
    r.put('apps/base/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: blog\n');
    r.put('apps/base/pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: blog-data\n  namespace: blog\nspec:\n  storageClassName: longhorn\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(analyse(model, config).findings.filter((f) => f.code.startsWith('IMPLICIT_DEPENDENCY')).map((f) => `${f.code} ${f.source.file}`)).toEqual([]);
  });
});

