/**
 * Two Kustomizations that apply the folder they live in (`./apps`): the folder's kustomization.yaml
 * lists one (`flux-entry.yaml`, which manages itself) and comments the other out (`# - decryption.yaml`).
 * An outside review found the retired one read as the cluster root: it "contained" the live one, whose
 * spec.patches then reached no child, and every object of the build was reported as applied twice
 * (11 false DUPLICATE_OBJECT warnings). kubectl kustomize of the folder builds flux-entry only.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;
const patchChildren = '  patches:\n    - patch: |-\n        apiVersion: kustomize.toolkit.fluxcd.io/v1\n        kind: Kustomization\n        metadata:\n          name: not-used\n        spec:\n          postBuild:\n            substituteFrom:\n              - kind: ConfigMap\n                name: cluster-config\n      target:\n        group: kustomize.toolkit.fluxcd.io\n        kind: Kustomization\n';

describe('a self-applying Kustomization its own folder leaves out', () => {
  const repo = tempRepos(afterAll);

  it('is retired, and the listed one that manages itself is the root', async () => {
    const r = repo('retired-self-applying-root');
    r.put('apps/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - settings.yaml\n  - flux-entry.yaml\n  # - decryption.yaml\n  - web\n');
    r.put('apps/flux-entry.yaml', fluxKustomization('flux-entry', './apps', patchChildren));
    r.put('apps/decryption.yaml', fluxKustomization('decryption', './apps'));
    r.put('apps/settings.yaml', cm('cluster-config'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ks.yaml\n');
    r.put('apps/web/ks.yaml', fluxKustomization('web', './apps/web/app'));
    r.put('apps/web/app/cm.yaml', cm('web'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.name)).toEqual(['flux-entry']);
    expect(model.objects.find((o) => o.id === 'ConfigMap/default/cluster-config')?.owner).toBe('Kustomization/flux-system/flux-entry');
    // The root's patches reach its child.
    expect(model.kustomizations.find((k) => k.name === 'web')?.postBuild?.substituteFrom.map((s) => s.name)).toEqual(['cluster-config']);
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'DUPLICATE_OBJECT')).toEqual([]);
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED').map((f) => f.source.file)).toEqual(['apps/decryption.yaml']);
    const run = spawnSync('kubectl', ['kustomize', join(r.root, 'apps')], { encoding: 'utf8' });
    if (!run.error) {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('name: flux-entry');
      expect(run.stdout).not.toContain('name: decryption');
    }
  });
});
