/**
 * Each cluster's copy of an app backs its claims up with that cluster's own VolSync ReplicationSource,
 * k8up Schedule or kopiur SnapshotPolicy, which may write to a repository or bucket of its own. The restore recipe took the
 * first object of the claim's namespace and name in the whole repository: one cluster's runbook
 * restored from the other cluster's backups (a lookup by namespace and name only, found in review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Block } from '../../src/analysis/runbooks/types.ts';

const claim = (name: string, annotations = '') => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: web\n${annotations}spec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`;
const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: web\n';
const source = (cluster: string) => `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: web-data\n  namespace: web\nspec:\n  sourcePVC: web-data\n  trigger:\n    schedule: "0 2 * * *"\n  restic:\n    repository: web-data-${cluster}\n    copyMethod: Snapshot\n`;
const policy = (cluster: string) => `apiVersion: kopiur.home-operations.com/v1alpha1\nkind: SnapshotPolicy\nmetadata:\n  name: web-db\n  namespace: web\nspec:\n  repository:\n    name: ${cluster}-repo\n  sources:\n    - pvc:\n        name: web-db\n`;
const schedule = (cluster: string) =>
  `apiVersion: k8up.io/v1\nkind: Schedule\nmetadata:\n  name: daily\n  namespace: web\nspec:\n  backend:\n    repoPasswordSecretRef: {name: k8up-repo, key: RESTIC_PASSWORD}\n    s3:\n      bucket: k8up-${cluster}\n  backup:\n    schedule: "@daily-random"\n`;

/** The YAML manifests of a runbook, parsed. */
const manifests = (sections: { blocks: Block[] }[]) =>
  sections.flatMap((s) => s.blocks).filter((b): b is Extract<Block, { type: 'code' }> => b.type === 'code' && b.lang === 'yaml').map((b) => parse(b.code) as { kind: string; spec: Record<string, Record<string, unknown>> });

describe('the restore runbook in a repository of two clusters', () => {
  const repo = tempRepos(afterAll);

  it("restores each cluster's claims from that cluster's own ReplicationSource, Schedule and SnapshotPolicy", async () => {
    const r = repo('restore-per-cluster');
    for (const cluster of ['alpha', 'beta']) {
      bootstrap(r, cluster);
      r.put(`clusters/${cluster}/web.yaml`, fluxKustomization('web', `./apps/web/${cluster}`));
      r.put(`apps/web/${cluster}/kustomization.yaml`, 'resources:\n  - ../base\n  - backup.yaml\n');
      r.put(`apps/web/${cluster}/backup.yaml`, `${source(cluster)}---\n${schedule(cluster)}---\n${policy(cluster)}`);
    }
    r.put('apps/web/base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - claims.yaml\n');
    r.put('apps/web/base/deployment.yaml', deployment);
    r.put('apps/web/base/claims.yaml', `${claim('web-data')}---\n${claim('web-files', '  annotations:\n    k8up.io/backup: "true"\n')}---\n${claim('web-db')}`);
    const { model, runbooks } = await load(r.root);
    expect(model.clusters).toEqual(['alpha', 'beta']);
    for (const cluster of ['alpha', 'beta']) {
      const restore = runbooks.find((x) => x.kind === 'restore' && x.id.includes(cluster))!;
      const made = manifests(restore.sections);
      const destination = made.find((m) => m.kind === 'ReplicationDestination')!;
      expect(destination.spec.restic!.repository).toBe(`web-data-${cluster}`);
      const k8up = made.find((m) => m.kind === 'Restore')!;
      expect(k8up.spec.backend).toEqual({ repoPasswordSecretRef: { name: 'k8up-repo', key: 'RESTIC_PASSWORD' }, s3: { bucket: `k8up-${cluster}` } });
      const kopiur = JSON.stringify(restore.sections);
      expect(kopiur).toContain(`" into repository ",{"code":"${cluster}-repo"}`);
      expect(kopiur).not.toContain(`${cluster === 'alpha' ? 'beta' : 'alpha'}-repo`);
    }
  });
});
