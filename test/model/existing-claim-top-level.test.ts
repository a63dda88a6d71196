/**
 * A chart's one claim named directly under `persistence` (`persistence: {enabled: true, existingClaim:
 * nextcloud-data}`: nextcloud, grafana, vaultwarden, most single-volume charts) or a subchart's
 * (`primary.persistence.existingClaim`, bitnami) is the claim the release mounts: its storage row, and
 * EXISTING_CLAIM_MISSING where nothing makes it. A review probe found neither. Not where persistence is off.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const pvc = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: ${name}\n  namespace: cloud\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 5Gi\n`;

describe('an existingClaim directly under persistence', () => {
  const repo = tempRepos(afterAll);

  it('links the claim to the release, and is missing where nothing makes it', async () => {
    const r = repo('existing-claim-top-level');
    bootstrap(r, 'prod');
    r.put('clusters/prod/cloud.yaml', fluxKustomization('cloud', './apps/cloud'));
    r.put('apps/cloud/kustomization.yaml', 'resources:\n  - releases.yaml\n  - claims.yaml\n');
    r.put('apps/cloud/releases.yaml', [
      helmRelease({ name: 'nextcloud', namespace: 'cloud', values: '    persistence:\n      enabled: true\n      existingClaim: nextcloud-data\n' }),
      helmRelease({ name: 'postgresql', namespace: 'cloud', values: '    primary:\n      persistence:\n        existingClaim: pg-data\n' }),
      helmRelease({ name: 'vaultwarden', namespace: 'cloud', values: '    persistence:\n      existingClaim: vaultwarden-data\n' }),
      helmRelease({ name: 'off', namespace: 'cloud', values: '    persistence:\n      enabled: false\n      existingClaim: off-data\n' }),
    ].join('---\n'));
    r.put('apps/cloud/claims.yaml', `${pvc('nextcloud-data')}---\n${pvc('pg-data')}`);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const claimOf = (name: string) => model.pvcs.find((p) => p.name === name)!.existingClaimOf;
    expect([claimOf('nextcloud-data'), claimOf('pg-data')]).toEqual([['HelmRelease/cloud/nextcloud'], ['HelmRelease/cloud/postgresql']]);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'EXISTING_CLAIM_MISSING').map((f) => f.message.slice(0, f.message.indexOf(',')));
    expect(missing).toEqual(['HelmRelease cloud/vaultwarden mounts existingClaim vaultwarden-data']);
  });
});
