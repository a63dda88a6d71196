/**
 * The VolSync restore recipe writes a ReplicationDestination from the ReplicationSource: the same
 * mover (restic or kopia) and what it needs to reach the repository. A public repository keeps its
 * restic repository on a claim (`moverVolumes`) and runs the mover as a given user
 * (`moverSecurityContext`); the recipe left both out, so its mover could not read the backups.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { code, load } from './load.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';
import type { Block } from '../../src/analysis/runbooks/types.ts';

const { root, put, remove } = tempRepo('restore-volsync-mover');
afterAll(remove);

const source = (name: string, mover: string, claim: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  sourcePVC: ${claim}\n  trigger:\n    schedule: "0 4 * * *"\n  ${mover}:\n    repository: ${name}-repo\n    retain:\n      daily: 7\n    pruneIntervalDays: 14\n    copyMethod: Snapshot\n    moverSecurityContext:\n      runAsUser: 26\n      fsGroup: 26\n    moverVolumes:\n      - mountPath: repo\n        volumeSource:\n          persistentVolumeClaim:\n            claimName: volsync-repo\n`;
const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('the VolSync restore recipe', () => {
  it('restores with the source’s mover and the settings it needs to reach the repository, not its retention', async () => {
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/apps.yaml', fluxKustomization('web', './apps/web'));
    put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    put('apps/web/pvc.yaml', `${claim('web-data')}---\n${claim('web-db')}`);
    put('apps/web/backup.yaml', `${source('web-data', 'restic', 'web-data')}---\n${source('web-db', 'kopia', 'web-db')}`);
    const { runbooks } = await load(root);
    const restore = runbooks.find((r) => r.kind === 'restore' && r.id.endsWith('/web'))!;
    const manifests = restore.sections
      .flatMap((s) => s.blocks)
      .filter((b): b is Extract<Block, { type: 'code' }> => b.type === 'code' && b.lang === 'yaml')
      .map((b) => parse(b.code) as { spec: Record<string, Record<string, unknown>> });
    const byClaim = Object.fromEntries(manifests.map((m) => {
      const [mover, settings] = Object.entries(m.spec).find(([k]) => k !== 'trigger')!;
      return [settings.destinationPVC as string, { mover, settings }];
    }));
    expect(byClaim['web-data']).toEqual({
      mover: 'restic',
      settings: {
        repository: 'web-data-repo', destinationPVC: 'web-data', copyMethod: 'Direct',
        moverSecurityContext: { runAsUser: 26, fsGroup: 26 },
        moverVolumes: [{ mountPath: 'repo', volumeSource: { persistentVolumeClaim: { claimName: 'volsync-repo' } } }],
      },
    });
    expect(byClaim['web-db']?.mover).toBe('kopia');
    expect(byClaim['web-db']?.settings.repository).toBe('web-db-repo');
    expect(code(restore)).not.toContain('pruneIntervalDays');
  });
});
