/**
 * CLAIM_POPULATOR_MISSING: a claim filled at creation from a VolSync ReplicationDestination that
 * nothing makes in its namespace stays Pending (outside review: a component's claim restoring from
 * `${APP}-bootstrap` beside the component's `${APP}-dst`). The usual shape, both from one component
 * with the same substitution, is silent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, tempRepos } from '../support/temp-repo.ts';

const ks = (app: string, component: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${app}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./apps/${app}\n  prune: true\n  targetNamespace: media\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  components:\n    - ../../components/${component}\n  postBuild:\n    substitute:\n      APP: ${app}\n`;
const claim = (source: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: "\${APP}"\nspec:\n  accessModes: [ReadWriteOnce]\n  dataSourceRef:\n    kind: ReplicationDestination\n    apiGroup: volsync.backube\n    name: "${source}"\n  resources:\n    requests:\n      storage: 1Gi\n`;
const destination = 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: "${APP}-dst"\nspec:\n  trigger:\n    manual: restore-once\n  restic:\n    repository: "${APP}-volsync"\n    copyMethod: Snapshot\n';

describe('a claim restored from a ReplicationDestination', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where the destination it names is made nowhere in its namespace', async () => {
    const r = repo('claim-populator');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', `${ks('plex', 'broken')}---\n${ks('sonarr', 'volsync')}`);
    r.put('clusters/home/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n');
    for (const c of ['broken', 'volsync']) {
      r.put(`components/${c}/kustomization.yaml`, 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./pvc.yaml\n  - ./destination.yaml\n');
      r.put(`components/${c}/destination.yaml`, destination);
    }
    r.put('components/broken/pvc.yaml', claim('${APP}-bootstrap'));
    r.put('components/volsync/pvc.yaml', claim('${APP}-dst'));
    for (const a of ['plex', 'sonarr']) r.put(`apps/${a}/cm.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${a}\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'CLAIM_POPULATOR_MISSING');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning components/broken/pvc.yaml']);
    expect(found[0]!.message).toContain('PersistentVolumeClaim media/plex is filled from ReplicationDestination plex-bootstrap');
    expect(found[0]!.message).toContain('The ReplicationDestinations of the namespace: plex-dst, sonarr-dst.');
  });
});
