/**
 * A dependsOn whose name a variable left unresolved fills in, in a build Flux substitutes (postBuild),
 * points where the substitution says at run time (a parent writing an empty string, then a `:=` default
 * applying): not DEPENDS_ON_MISSING (outside review: `${STORAGE_NS}/${STORAGE_HR}` reported missing, the
 * name being `rook-ceph/rook-ceph-cluster`). Where no postBuild substitutes it, the name is literal and
 * missing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a dependsOn named by an unresolved variable', () => {
  const repo = tempRepos(afterAll);

  it('is not missing where a postBuild substitutes it; literal where none does', async () => {
    const r = repo('depends-on-unresolved');
    bootstrap(r, 'home');
    // The joryirving shape: cluster-apps substitutes (so the child's `${STORAGE_HR}` becomes an empty
    // string), the app's Kustomization passes STORAGE_HR on, a component's dependsOn has a default.
    r.put('clusters/home/apps.yaml', fluxKustomization('cluster-apps', './apps', '  postBuild:\n    substitute:\n      CLUSTER: home\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./zigbee.yaml\n  - ./plain.yaml\n');
    r.put('apps/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: home\n');
    r.put('apps/zigbee.yaml', fluxKustomization('zigbee', './apps/zigbee', '  targetNamespace: home\n  postBuild:\n    substitute:\n      STORAGE_HR: ${STORAGE_HR}\n'));
    // No postBuild anywhere above it: the name is literal, and missing.
    r.put('clusters/home/plain.yaml', fluxKustomization('plain', './apps/plain', '  targetNamespace: home\n'));
    r.put('apps/plain.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: placeholder\n  namespace: home\n');
    r.put('apps/zigbee/release.yaml', helmRelease({ name: 'zigbee' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: ${STORAGE_HR:=rook-ceph-cluster}\n'));
    r.put('apps/plain/release.yaml', helmRelease({ name: 'plain' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: ${DEP}\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'DEPENDS_ON_MISSING');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error apps/plain/release.yaml']);
  });
});
