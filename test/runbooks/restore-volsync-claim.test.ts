/**
 * The VolSync restore recipe of one claim, in a namespace where every app takes the same shared
 * volsync folder (`${APP}` substituted by each app's Kustomization), as public home-ops repositories do.
 * Outside review: the ReplicationDestination it wrote had `runAsUser: "1000"` (the source writes
 * `${VOLSYNC_PUID:-1000}`; Flux re-parses the substituted text, so it applies a number, and the API
 * server refuses the string), and its note named every `<app>-dst` of the namespace on each app's runbook.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asides, load } from './load.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Block, Runbook } from '../../src/analysis/runbooks/types.ts';

const repo = tempRepos(afterAll);

const app = (name: string) => fluxKustomization(name, `./apps/${name}`, `  targetNamespace: media\n  postBuild:\n    substitute:\n      APP: ${name}\n`);
const SHARED = {
  'shared/volsync/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - pvc.yaml\n  - source.yaml\n  - destination.yaml\n',
  'shared/volsync/pvc.yaml': 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${APP}\nspec:\n  accessModes: [ReadWriteOnce]\n  dataSourceRef:\n    kind: ReplicationDestination\n    apiGroup: volsync.backube\n    name: ${APP}-dst\n  resources:\n    requests:\n      storage: 1Gi\n',
  'shared/volsync/source.yaml': [
    'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${APP}\nspec:\n  sourcePVC: ${APP}\n  trigger:\n    schedule: "0 * * * *"\n  restic:\n    repository: ${APP}-restic\n    copyMethod: Snapshot\n',
    '    moverSecurityContext:\n      runAsUser: ${VOLSYNC_PUID:-1000}\n      runAsGroup: ${VOLSYNC_PGID:-1000}\n      fsGroup: ${VOLSYNC_PGID:-1000}\n      supplementalGroups:\n        - ${VOLSYNC_PGID:-1000}\n      runAsNonRoot: ${VOLSYNC_NONROOT:-true}\n      fsGroupChangePolicy: OnRootMismatch\n',
    '    moverPodLabels:\n      uid: ${VOLSYNC_PUID:-1000}\n    cacheCapacity: ${VOLSYNC_CACHE:-2Gi}\n',
  ].join(''),
  'shared/volsync/destination.yaml': 'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: ${APP}-dst\nspec:\n  trigger:\n    manual: restore-once\n  restic:\n    repository: ${APP}-restic\n    copyMethod: Snapshot\n',
};
const folder = (name: string) => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\n  - ../../shared/volsync\n${name === 'alpha' ? '  - more.yaml\n' : ''}`;
const deploy = (name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n`;
/** Alpha's own extra destinations: one into the claim by destinationPVC, one reading the same repository Secret, and one of another claim. */
const MORE = [
  'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: alpha-manual\nspec:\n  trigger:\n    manual: once\n  restic:\n    repository: elsewhere\n    destinationPVC: alpha\n    copyMethod: Direct\n',
  'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: alpha-clone\nspec:\n  trigger:\n    manual: once\n  restic:\n    repository: alpha-restic\n    copyMethod: Snapshot\n',
  'apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: scratch-fill\nspec:\n  trigger:\n    manual: once\n  restic:\n    repository: scratch-restic\n    destinationPVC: scratch\n    copyMethod: Direct\n',
].join('---\n');

async function scanned() {
  const r = repo('restore-volsync-claim');
  r.put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
  r.put('clusters/home/apps.yaml', ['alpha', 'beta', 'gamma'].map(app).join('---\n'));
  for (const [file, text] of Object.entries(SHARED)) r.put(file, text);
  for (const name of ['alpha', 'beta', 'gamma']) {
    r.put(`apps/${name}/kustomization.yaml`, folder(name));
    r.put(`apps/${name}/deploy.yaml`, deploy(name));
  }
  r.put('apps/alpha/more.yaml', MORE);
  return load(r.root);
}

const restoreOf = (runbooks: Runbook[], name: string): Runbook => runbooks.find((x) => x.kind === 'restore' && x.id.endsWith(`/${name}`))!;
const manifest = (rb: Runbook) => {
  const block = rb.sections.flatMap((s) => s.blocks).find((b): b is Extract<Block, { type: 'code' }> => b.type === 'code' && b.lang === 'yaml');
  return parse(block!.code) as { spec: { restic: Record<string, unknown> } };
};
/** One note per destination of the repository meant for the claim, titled with its name. */
const destinationNotes = (rb: Runbook) => asides(rb).filter((a) => /^ReplicationDestination \S+ is in the repository$/.test(a.title));
const named = (rb: Runbook) => destinationNotes(rb).map((a) => a.title.split(' ')[1]!).sort();

describe('the VolSync restore recipe of a claim', () => {
  it('writes the mover’s security context in its API types: integers and booleans, as Flux applies them', async () => {
    const { runbooks } = await scanned();
    const restic = manifest(restoreOf(runbooks, 'alpha')).spec.restic;
    expect(restic.moverSecurityContext).toEqual({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, supplementalGroups: [1000], runAsNonRoot: true, fsGroupChangePolicy: 'OnRootMismatch' });
    // Fields of other types stay as written: a label value is a string, a capacity a quantity.
    expect(restic.moverPodLabels).toEqual({ uid: '1000' });
    expect(restic.cacheCapacity).toBe('2Gi');
  });

  it('names only the destinations meant for the claim, each once, with why', async () => {
    const { runbooks } = await scanned();
    const alpha = restoreOf(runbooks, 'alpha');
    expect(named(alpha)).toEqual(['alpha-clone', 'alpha-dst', 'alpha-manual']);
    const text = destinationNotes(alpha).flatMap((a) => a.text.map((t) => (typeof t === 'string' ? t : 'code' in t ? t.code : t.text))).join('');
    expect(text).toContain('dataSourceRef');
    expect(text).toContain('destinationPVC');
    expect(text).toContain('alpha-restic');
    expect(named(restoreOf(runbooks, 'beta'))).toEqual(['beta-dst']);
    expect(named(restoreOf(runbooks, 'gamma'))).toEqual(['gamma-dst']);
    for (const rb of [alpha, restoreOf(runbooks, 'beta')]) {
      const refs = rb.sections.flatMap((s) => s.blocks).filter((b) => b.type === 'refs').flatMap((b) => (b.type === 'refs' ? b.refs : [])).map((x) => `${x.file}:${x.line}`);
      const section = rb.sections.find((s) => s.slug.startsWith('restore-'))!;
      const own = section.blocks.filter((b) => b.type === 'refs').flatMap((b) => (b.type === 'refs' ? b.refs : [])).map((x) => `${x.file}:${x.line}`);
      expect(own).toEqual([...new Set(own)]);
      expect(refs.filter((x) => x.startsWith('shared/volsync/destination.yaml'))).toHaveLength(1);
    }
  });
});
