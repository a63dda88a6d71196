/**
 * A ReplicationDestination without `destinationPVC` (a volume populator's: the claim names it in its
 * dataSourceRef) fills the claim only when the claim is created; running it again leaves the live
 * claim untouched, and with `kustomize.toolkit.fluxcd.io/ssa: IfNotPresent` Flux never applies an edit
 * of it from Git (outside review: the note said "change its spec.trigger.manual value to run it again").
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { asides, code, load } from './load.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';
import type { Runbook } from '../../src/analysis/runbooks/types.ts';

const claim = (name: string, from: string | null) =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n  accessModes: [ReadWriteOnce]\n${from ? `  dataSourceRef:\n    kind: ReplicationDestination\n    apiGroup: volsync.backube\n    name: ${from}\n` : ''}  resources:\n    requests:\n      storage: 1Gi\n`;
const source = (name: string) =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationSource\nmetadata:\n  name: ${name}\n  namespace: home\nspec:\n  sourcePVC: ${name}\n  trigger:\n    schedule: "0 * * * *"\n  kopia:\n    repository: ${name}-volsync\n    copyMethod: Snapshot\n`;
const destination = (name: string, repository: string, spec: string, labels = '') =>
  `apiVersion: volsync.backube/v1alpha1\nkind: ReplicationDestination\nmetadata:\n  name: ${name}\n  namespace: home\n${labels}spec:\n  trigger:\n    manual: restore-once\n  kopia:\n    repository: ${repository}\n${spec}`;
const SSA = '  labels:\n    kustomize.toolkit.fluxcd.io/ssa: IfNotPresent\n';

const note = (rb: Runbook, name: string) => {
  const a = asides(rb).find((x) => x.title === `ReplicationDestination ${name} is in the repository`);
  return a ? a.text.map((t) => (typeof t === 'string' ? t : 'code' in t ? t.code : t.text)).join('') : null;
};

describe('a ReplicationDestination of the repository on a claim\'s restore runbook', () => {
  const repo = tempRepos(afterAll);

  it('a populator\'s (no destinationPVC, the claim names it): trigger with kubectl, wait for a new image, only then delete the claim, let Flux re-create it', async () => {
    const r = repo('populator');
    bootstrap(r);
    for (const app of ['esphome', 'frigate']) {
      r.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`));
      r.put(`apps/${app}/deploy.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: home\n`);
      r.put(`apps/${app}/volsync.yaml`, [claim(app, `${app}-bootstrap`), source(app)].join('---\n'));
    }
    r.put('apps/esphome/dst.yaml', destination('esphome-bootstrap', 'esphome-volsync', '    copyMethod: Snapshot\n    sourceIdentity:\n      sourceName: esphome\n', SSA));
    // One with a destinationPVC writes into the claim at each run: a new trigger value runs it again.
    r.put('apps/frigate/dst.yaml', [
      destination('frigate-bootstrap', 'frigate-volsync', '    copyMethod: Snapshot\n'),
      destination('frigate-direct', 'frigate-volsync', '    destinationPVC: frigate\n    copyMethod: Direct\n', SSA),
    ].join('---\n'));
    const { runbooks } = await load(r.root);
    const restoreOf = (app: string) => runbooks.find((x) => x.id === `restore:home/${app}`)!;

    const esphome = restoreOf('esphome');
    const text = note(esphome, 'esphome-bootstrap')!;
    expect(text).toContain('fills the claim only when the claim is created');
    expect(text).toContain('running it again leaves the live claim as it is');
    expect(text).toContain('kustomize.toolkit.fluxcd.io/ssa: IfNotPresent');
    expect(text).not.toContain('to run it again');
    const c = code(esphome);
    expect(c).toContain('kubectl -n home patch replicationdestination esphome-bootstrap --type merge');
    expect(c).toContain("kubectl -n home get replicationdestination esphome-bootstrap -o jsonpath='{.status.latestImage.name}");
    // The destination runs while the claim still holds the data (it restores into a volume of its own);
    // the claim goes only once the run has made a new image (outside review: deleted first, a failed
    // mover left nothing).
    const lines = c.split('\n');
    const deleteAt = lines.findIndex((l) => l.includes('kubectl -n home delete pvc esphome'));
    expect(lines[deleteAt]).toBe('[ -n "$NEW" ] && [ "$NEW" != "$OLD" ] && kubectl -n home delete pvc esphome');
    expect(lines.findIndex((l) => l.startsWith('OLD=$(kubectl -n home get replicationdestination esphome-bootstrap'))).toBeLessThan(lines.findIndex((l) => l.includes('patch replicationdestination esphome-bootstrap')));
    expect(lines.findIndex((l) => l.includes('wait replicationdestination/esphome-bootstrap'))).toBeLessThan(deleteAt);
    expect(text).toContain('the claim keeps its data while it runs');

    const frigate = restoreOf('frigate');
    // (Without the ssa label, Git is where its trigger changes: no kubectl patch needed for it.)
    expect(note(frigate, 'frigate-bootstrap')).toContain('fills the claim only when the claim is created');
    expect(note(frigate, 'frigate-bootstrap')).not.toContain('IfNotPresent');
    const direct = note(frigate, 'frigate-direct')!;
    expect(direct).toContain('its destinationPVC is the claim');
    expect(direct).toContain('spec.trigger.manual value runs it again');
    expect(direct).toContain('not in Git');
    expect(code(frigate)).toContain('kubectl -n home patch replicationdestination frigate-direct --type merge');
  });

  it('the restore manifest carries enableFileDeletion over from the claim\'s own destination', async () => {
    const r = repo('file-deletion');
    bootstrap(r);
    for (const app of ['esphome', 'frigate']) {
      r.put(`clusters/prod/${app}.yaml`, fluxKustomization(app, `./apps/${app}`));
      r.put(`apps/${app}/deploy.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: home\n`);
      r.put(`apps/${app}/volsync.yaml`, [claim(app, `${app}-dst`), source(app)].join('---\n'));
    }
    // esphome's destination mirrors the snapshot (a Direct restore into the live claim must too); frigate's says nothing.
    r.put('apps/esphome/dst.yaml', destination('esphome-dst', 'esphome-volsync', '    copyMethod: Snapshot\n    enableFileDeletion: true\n', SSA));
    r.put('apps/frigate/dst.yaml', destination('frigate-dst', 'frigate-volsync', '    copyMethod: Snapshot\n'));
    const { runbooks } = await load(r.root);
    const manifest = (app: string) => {
      const rb = runbooks.find((x) => x.id === `restore:home/${app}`)!;
      const yaml = rb.sections.flatMap((s) => s.blocks).find((b) => b.type === 'code' && b.lang === 'yaml');
      return { rb, spec: (parse(yaml?.type === 'code' ? yaml.code : '') as { spec: { kopia: Record<string, unknown> } }).spec.kopia };
    };
    const esphome = manifest('esphome');
    expect(esphome.spec).toMatchObject({ destinationPVC: 'esphome', copyMethod: 'Direct', enableFileDeletion: true });
    expect(JSON.stringify(esphome.rb)).toContain('files of the claim that the snapshot does not hold are deleted, so the claim holds exactly the snapshot');
    const frigate = manifest('frigate');
    expect(frigate.spec).not.toHaveProperty('enableFileDeletion');
    expect(JSON.stringify(frigate.rb)).toContain('are kept (VolSync\'s default)');
  });
});
