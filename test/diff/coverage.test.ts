/** Backup coverage gained and lost per volume of apps present on both sides (hand-made matrices). */
import { describe, expect, it } from 'vitest';
import { diffCoverage } from '../../src/lib/diff/coverage.ts';
import type { DiffSide } from '../../src/lib/diff/side.ts';

const row = (name: string, appId: string, coveredBy: string[]) => ({ pvcId: `PersistentVolumeClaim/media/${name}`, name, appId, coveredBy });
const side = (apps: string[], rows: ReturnType<typeof row>[]) =>
  ({
    model: { apps: apps.map((id) => ({ id })) },
    analysis: { health: { matrices: { backup: { rows }, monitoring: { rows: [] }, network: { apps: [] } } } },
  }) as unknown as DiffSide;

describe('diffCoverage: backup', () => {
  it('a volume that lost its backup, one that gained it, a new volume without one; a new app is not judged', () => {
    const base = side(['media/plex', 'media/sonarr'], [row('plex-config', 'media/plex', ['volsync']), row('sonarr-config', 'media/sonarr', [])]);
    const head = side(['media/plex', 'media/sonarr', 'media/bazarr'], [
      row('plex-config', 'media/plex', []),
      row('sonarr-config', 'media/sonarr', ['k8up']),
      row('plex-cache', 'media/plex', []),
      row('bazarr-config', 'media/bazarr', []),
    ]);
    expect(diffCoverage(base, head).map((c) => [c.appId, c.change, c.detail])).toEqual([
      ['media/plex', 'lost', 'new volume plex-cache is not backed up'],
      ['media/plex', 'lost', 'volume plex-config no longer backed up (was volsync)'],
      ['media/sonarr', 'gained', 'volume sonarr-config backed up by k8up'],
    ]);
  });
});
