/**
 * Kustomizations suspended in the repository (`spec.suspend: true`): a public repository had 11 of
 * its 39 so, and the site said nothing but "(suspended)" in small print on app pages, while restore
 * runbooks ended with `flux resume` on Kustomizations their owner had suspended on purpose. Each
 * deployed suspended Kustomization now gets a FLUX_SUSPENDED note, and runbooks leave it as it is.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';
import { code } from '../runbooks/load.ts';

const { root, put, remove } = tempRepo('flux-suspended');
afterAll(remove);

describe('a Kustomization suspended in the repository', () => {
  it('gets FLUX_SUSPENDED (info) when deployed, and no runbook suspends or resumes it', async () => {
    put('clusters/home/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/home'));
    put('clusters/home/apps.yaml', [
      fluxKustomization('gatus', './apps/gatus', '  suspend: true\n'),
      fluxKustomization('web', './apps/web'),
    ].join('---\n'));
    put('archive-notes/old.yaml', fluxKustomization('old', './apps/old', '  suspend: true\n'));
    for (const app of ['gatus', 'web']) {
      put(`apps/${app}/deploy.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: ${app}\n`);
      put(`apps/${app}/pvc.yaml`, `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${app}-data\n  namespace: ${app}\n  annotations:\n    k8up.io/backup: "true"\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n`);
    }
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const analysis = analyse(model, config);
    const suspended = analysis.findings.filter((f) => f.code === 'FLUX_SUSPENDED');
    expect(suspended.map((f) => [f.severity, f.source.file, f.appId])).toEqual([['info', 'clusters/home/apps.yaml', 'gatus/gatus']]);
    expect(suspended[0]!.message).toContain('flux resume kustomization gatus -n flux-system');
    const restore = analysis.runbooks.generated.filter((r) => r.kind === 'restore');
    const all = restore.map(code).join('\n');
    expect(all).not.toContain('kustomization gatus');
    expect(all).toContain('flux suspend kustomization web -n flux-system');
  });
});
