/**
 * A suspended Kustomization (spec.suspend, its owner's choice) whose dependsOn names what the
 * repository does not define, or disables, waits for nothing while suspended: a note, not an error
 * (an outside review found the error on two suspended apps of one repository). The same entry on a
 * Kustomization that runs is still an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

describe('dependsOn of a suspended Kustomization', () => {
  const repo = tempRepos(afterAll);

  it('is a note where it names a missing or disabled Kustomization, an error where the dependent runs', async () => {
    const r = repo('suspended-depends-on');
    bootstrap(r);
    r.put('clusters/prod/paused.yaml', fluxKustomization('paused', './apps/paused', '  suspend: true\n  dependsOn:\n    - name: not-here\n    - name: old\n'));
    r.put('clusters/prod/running.yaml', fluxKustomization('running', './apps/running', '  dependsOn:\n    - name: not-here\n'));
    r.put('clusters/prod/old.yaml.dis', fluxKustomization('old', './apps/old'));
    for (const app of ['paused', 'running', 'old']) r.put(`apps/${app}/configmap.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\n  namespace: demo\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code.startsWith('DEPENDS_ON_'));
    expect(found.map((f) => [f.code, f.severity, f.source.file])).toEqual([
      ['DEPENDS_ON_MISSING', 'info', 'clusters/prod/paused.yaml'],
      ['DEPENDS_ON_DISABLED', 'info', 'clusters/prod/paused.yaml'],
      ['DEPENDS_ON_MISSING', 'error', 'clusters/prod/running.yaml'],
    ]);
    expect(found[0]!.message).toMatch(/It is suspended \(spec\.suspend\), so Flux waits for it only once it is resumed\.$/);
  });
});

describe('dependsOn naming a suspended object', () => {
  const repo = tempRepos(afterAll);

  it('notes that the dependent may wait, and lists no suspended Kustomization among what is applied first', async () => {
    const r = repo('depends-on-suspended');
    bootstrap(r);
    r.put('clusters/prod/cache.yaml', fluxKustomization('apps-cache', './apps/cache', '  suspend: true\n'));
    r.put('clusters/prod/web.yaml', fluxKustomization('apps-web', './apps/web', '  dependsOn:\n    - name: apps-cache\n'));
    r.put('clusters/prod/front.yaml', fluxKustomization('apps-front', './apps/front', '  dependsOn:\n    - name: apps-web\n'));
    r.put('clusters/prod/paused.yaml', fluxKustomization('apps-paused', './apps/paused', '  suspend: true\n  dependsOn:\n    - name: apps-cache\n'));
    for (const app of ['cache', 'web', 'front', 'paused']) r.put(`apps/${app}/configmap.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}\n  namespace: demo\n`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const analysis = analyse(model, config);
    const found = analysis.findings.filter((f) => f.code.startsWith('DEPENDS_ON_'));
    expect(found.map((f) => [f.code, f.severity, f.source.file])).toEqual([
      ['DEPENDS_ON_SUSPENDED', 'info', 'clusters/prod/paused.yaml'],
      ['DEPENDS_ON_SUSPENDED', 'info', 'clusters/prod/web.yaml'],
    ]);
    expect(found[1]!.message).toContain('depends on Kustomization flux-system/apps-cache, which is suspended (spec.suspend: true)');
    expect(analysis.graph.metrics.roots).not.toContain('Kustomization/flux-system/apps-cache');
  });
});
