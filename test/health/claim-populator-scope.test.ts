/**
 * CLAIM_POPULATOR_MISSING counts only a ReplicationDestination that can fill the claim: one of the
 * claim's own cluster (a destination another cluster's build makes is no use to it) and not switched
 * off (a commented-out destination makes nothing). A claim no build applies is not judged. Each is
 * shown against the shape that is fine: destination and claim side by side in one cluster's build.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { claimPopulatorFindings } from '../../src/analysis/health/pvc-populator.ts';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const claim = (name: string, source: string) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: media\nspec:\n  accessModes: [ReadWriteOnce]\n  dataSourceRef:\n    kind: ReplicationDestination\n    apiGroup: volsync.backube\n    name: ${source}\n  resources:\n    requests:\n      storage: 1Gi\n`;
const destination = (name: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: ${name}\n  namespace: media\nspec:\n  trigger:\n    manual: restore-once\n  restic:\n    repository: ${name}-volsync\n    copyMethod: Snapshot\n`;
const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: media\n';

async function populators(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, found: analyse(model, config).findings.filter((f) => f.code === 'CLAIM_POPULATOR_MISSING') };
}

describe('a claim restored from a ReplicationDestination', () => {
  const repo = tempRepos(afterAll);

  it('is a warning where only another cluster makes the destination', async () => {
    const r = repo('claim-populator-cluster');
    for (const c of ['prod', 'lab']) {
      bootstrap(r, c);
      r.put(`clusters/${c}/apps.yaml`, fluxKustomization('apps', `./apps/${c}`));
    }
    // prod: the claim and its destination side by side (fine); lab: the claim without its destination.
    r.put('apps/prod/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./claim.yaml\n  - ./destination.yaml\n');
    r.put('apps/prod/namespace.yaml', namespace);
    r.put('apps/prod/claim.yaml', claim('plex', 'plex-dst'));
    r.put('apps/prod/destination.yaml', destination('plex-dst'));
    r.put('apps/lab/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./claim.yaml\n');
    r.put('apps/lab/namespace.yaml', namespace);
    r.put('apps/lab/claim.yaml', claim('plex', 'plex-dst'));
    const { found } = await populators(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/lab/claim.yaml']);
    expect(found[0]!.message).toContain('PersistentVolumeClaim media/plex is filled from ReplicationDestination plex-dst');
  });

  it('is a warning where the destination is commented out', async () => {
    const r = repo('claim-populator-commented');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./claim.yaml\n  - ./destination.yaml\n');
    r.put('apps/namespace.yaml', namespace);
    r.put('apps/claim.yaml', claim('sonarr', 'sonarr-dst'));
    r.put('apps/destination.yaml', destination('sonarr-dst').replace(/^/gm, '# '));
    const { found } = await populators(r.root);
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['warning apps/claim.yaml']);
    expect(found[0]!.message).toContain('ReplicationDestination sonarr-dst (spec.dataSourceRef), which nothing in the repository makes in namespace media');
  });

  it('is not judged for a claim no build applies', async () => {
    const r = repo('claim-populator-undeployed');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n');
    // An old app folder no Kustomization reaches.
    r.put('old/radarr/claim.yaml', claim('radarr', 'radarr-dst'));
    // A claim commented out of a live file.
    r.put('apps/namespace.yaml', `${namespace}# ---\n${claim('lidarr', 'lidarr-dst').replace(/^/gm, '# ')}`);
    const { model, found } = await populators(r.root);
    expect(found).toEqual([]);
    // (The check itself leaves them out, not only the report's filter of undeployed apps.)
    expect(claimPopulatorFindings(model)).toEqual([]);
  });
});
