/**
 * kopia keeps snapshots under a `username@hostname` identity that VolSync derives from the object's
 * name and namespace: the restore recipe's `<claim>-restore` destination found none of the source's
 * (outside review). For kopia it names the ReplicationSource (`sourceIdentity`), unless the source sets
 * its identity itself (`username`, `hostname`, copied); restic has no identity.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Block } from '../../src/analysis/runbooks/types.ts';

const source = (name: string, mover: string, extra = '') =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  sourcePVC: ${name}\n  trigger:\n    schedule: "0 4 * * *"\n  ${mover}:\n    repository: ${name}-volsync\n    copyMethod: Snapshot\n${extra}`;
const claim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;

describe('the VolSync restore recipe and kopia\'s source identity', () => {
  const repo = tempRepos(afterAll);

  it('kopia: sourceIdentity names the ReplicationSource; its own username/hostname are copied instead; none for restic', async () => {
    const r = repo('kopia-identity');
    bootstrap(r);
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n');
    r.put('apps/web/pvc.yaml', ['web-data', 'web-db', 'web-media'].map(claim).join('---\n'));
    r.put('apps/web/backup.yaml', [
      source('web-data', 'kopia'),
      source('web-db', 'kopia', '    username: web-db\n    hostname: home\n'),
      source('web-media', 'restic'),
    ].join('---\n'));
    const { runbooks } = await load(r.root);
    const restore = runbooks.find((x) => x.kind === 'restore' && x.id.endsWith('/web'))!;
    const byClaim = Object.fromEntries(
      restore.sections
        .flatMap((s) => s.blocks)
        .filter((b): b is Extract<Block, { type: 'code' }> => b.type === 'code' && b.lang === 'yaml')
        .map((b) => Object.values((parse(b.code) as { spec: Record<string, Record<string, unknown>> }).spec).find((v) => 'destinationPVC' in v)!)
        .map((m) => [m.destinationPVC as string, m]),
    );
    expect(byClaim['web-data']?.sourceIdentity).toEqual({ sourceName: 'web-data', sourceNamespace: 'web' });
    expect(byClaim['web-db']?.sourceIdentity).toBeUndefined();
    expect(byClaim['web-db']).toMatchObject({ username: 'web-db', hostname: 'home' });
    expect(byClaim['web-media']?.sourceIdentity).toBeUndefined();
    expect(byClaim['web-media']?.username).toBeUndefined();
  });
});
