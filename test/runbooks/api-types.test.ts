/**
 * typedAs: a value copied from the repository into a runbook's manifest, given its API field's type
 * (outside review: a VolSync restore's `moverSecurityContext.runAsUser: "1000"`, which the API server refuses).
 */
import { describe, expect, it } from 'vitest';
import { POD_SECURITY_CONTEXT, typedAs, VOLSYNC_MOVER_SETTINGS } from '../../src/analysis/runbooks/api-types.ts';

describe('typedAs', () => {
  it('gives a pod security context’s integer and boolean fields their types', () => {
    expect(typedAs({ runAsUser: '1000', runAsGroup: '0', fsGroup: '-1', supplementalGroups: ['65534', 44], runAsNonRoot: 'true', windowsOptions: { hostProcess: 'False' } }, POD_SECURITY_CONTEXT)).toEqual({
      runAsUser: 1000, runAsGroup: 0, fsGroup: -1, supplementalGroups: [65534, 44], runAsNonRoot: true, windowsOptions: { hostProcess: false },
    });
  });

  it('leaves what is not plainly a number or a boolean, and fields of other types, as written', () => {
    const written = {
      runAsUser: '${VOLSYNC_PUID}', runAsGroup: '0755', fsGroup: '1e3', supplementalGroups: ['12345678901234567890'], runAsNonRoot: 'yes',
      seLinuxOptions: { user: '1000' }, sysctls: [{ name: 'net.ipv4.ip_forward', value: '1' }], fsGroupChangePolicy: 'OnRootMismatch',
    };
    expect(typedAs(written, POD_SECURITY_CONTEXT)).toEqual(written);
  });

  it('walks the VolSync mover settings (security context, Secret volume modes) and does not change its input', () => {
    const settings = {
      moverSecurityContext: { runAsUser: '568' },
      moverVolumes: [{ mountPath: 'repo', volumeSource: { secret: { secretName: 'repo', defaultMode: '420', items: [{ key: 'a', path: 'a', mode: '256' }] } } }],
      moverPodLabels: { uid: '568' },
      cacheCapacity: '1Gi',
    };
    const copy = structuredClone(settings);
    expect(typedAs(settings, VOLSYNC_MOVER_SETTINGS)).toEqual({
      moverSecurityContext: { runAsUser: 568 },
      moverVolumes: [{ mountPath: 'repo', volumeSource: { secret: { secretName: 'repo', defaultMode: 420, items: [{ key: 'a', path: 'a', mode: 256 }] } } }],
      moverPodLabels: { uid: '568' },
      cacheCapacity: '1Gi',
    });
    expect(settings).toEqual(copy);
  });
});
