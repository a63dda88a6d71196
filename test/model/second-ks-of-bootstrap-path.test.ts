/**
 * A second Kustomization of the bootstrap's own path (`flux-secrets`, `path: ./clusters/production`,
 * written beside gotk-sync.yaml to add SOPS decryption) builds the bootstrap's file as the bootstrap's
 * build holds its: each contains the other. No root was found, so nothing was deployed and every check
 * that needs a cluster root went silent without a word (outside review, wave w). The bootstrap's
 * `flux-system` is the root; the other is one of what it applies (the objects both builds apply are then
 * DUPLICATE_OBJECT: each Kustomization marks them as its own).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe('a second Kustomization of the bootstrap path', () => {
  const repo = tempRepos(afterAll);

  it('leaves flux-system the root, and what it applies deployed', async () => {
    const r = repo('second-ks-of-bootstrap-path');
    r.put('clusters/production/flux-system/gotk-sync.yaml', fluxKustomization('flux-system', './clusters/production'));
    r.put('clusters/production/flux-system/kustomization.yaml', 'resources:\n  - gotk-sync.yaml\n');
    r.put('clusters/production/flux-secrets.yaml', fluxKustomization('flux-secrets', './clusters/production', '  decryption:\n    provider: sops\n    secretRef:\n      name: sops-gpg\n'));
    r.put('clusters/production/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/kustomization.yaml', 'resources:\n  - web.yaml\n');
    r.put('apps/web.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    expect(model.kustomizations.filter((k) => k.isRoot).map((k) => k.name)).toEqual(['flux-system']);
    expect(model.kustomizations.find((k) => k.name === 'apps')?.reachedFromRoot).toBe(true);
    expect(model.apps.find((a) => a.name === 'web')?.notDeployed ?? null).toBeNull();
    const findings = analyse(model, config).findings;
    expect(findings.filter((f) => f.code === 'NOT_DEPLOYED')).toEqual([]);
  });
});
