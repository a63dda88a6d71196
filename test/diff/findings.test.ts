/** Findings introduced and fixed are matched by identity (code, file, object), never by line. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding, type FindingCode } from '../../src/model/finding.ts';
import { diffFindings } from '../../src/lib/diff/findings.ts';
import type { DiffSide } from '../../src/lib/diff/side.ts';

const side = (findings: Finding[]) => ({ analysis: { findings } }) as unknown as DiffSide;
const at = (line: number, objectId = 'HelmRelease/media/plex', code: FindingCode = 'IMAGE_TAG_LATEST') =>
  finding(code, 'warning', `Image x (line ${line}) uses the latest tag.`, { file: 'apps/plex/helmrelease.yaml', line, col: 1 }, { objectId });

describe('diffFindings', () => {
  it('a finding that moved down the file (an edit above it) is neither introduced nor fixed', () => {
    expect(diffFindings(side([at(10)]), side([at(14)]))).toEqual({ introduced: [], fixed: [] });
  });

  it('a second copy of the same problem is one introduced finding; a different object is its own', () => {
    const d = diffFindings(side([at(10)]), side([at(10), at(30), at(40, 'HelmRelease/media/sonarr')]));
    expect(d.introduced.map((f) => [f.line, f.objectId])).toEqual([[30, 'HelmRelease/media/plex'], [40, 'HelmRelease/media/sonarr']]);
    expect(d.fixed).toEqual([]);
  });

  it('errors come first; fixed findings are the base ones', () => {
    const err = finding('DEPENDS_ON_MISSING', 'error', 'x depends on y, which is not defined.', { file: 'ks.yaml', line: 3, col: 1 }, { objectId: 'Kustomization/flux-system/x' });
    const d = diffFindings(side([at(5)]), side([at(5), at(6, 'HelmRelease/a/b'), err]));
    expect(d.introduced.map((f) => f.code)).toEqual(['DEPENDS_ON_MISSING', 'IMAGE_TAG_LATEST']);
    expect(diffFindings(side([err]), side([])).fixed.map((f) => [f.code, f.file, f.line])).toEqual([['DEPENDS_ON_MISSING', 'ks.yaml', 3]]);
  });
});
