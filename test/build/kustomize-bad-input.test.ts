import { describe, expect, it } from 'vitest';
import { build, idOf } from './kustomize-fixture.ts';

describe('kustomize build on bad input', () => {
  it('a cycle of resources is reported, not followed forever', async () => {
    const b = await build('bad-input', 'cycle-a');
    expect(b.problems.map((p) => p.code)).toContain('CYCLE');
    expect(b.objects.map(idOf)).toEqual(['ConfigMap||in-cycle']);
  });

  it('fields of the wrong shape never crash the build; what kustomize would refuse is reported with file and line', async () => {
    const b = await build('bad-input', 'garbage');
    expect(b.objects.map(idOf).sort()).toEqual(['ConfigMap||425', 'ConfigMap||42cm', 'ConfigMap||42ok']);
    const codes = b.problems.map((p) => `${p.code}@${p.line}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'RESOURCE_MISSING@6',
        'REMOTE_RESOURCE@8',
        'PATH_OUTSIDE_REPO@9',
        'RESOURCE_MISSING@10',
        'PATCH_FAILED@13',
        'PATCH_UNREADABLE@16',
        'PATCH_UNREADABLE@17',
        'PATCH_NO_TARGET@18',
        'REPLACEMENT_FAILED@29',
        'REPLACEMENT_FAILED@30',
      ]),
    );
    for (const p of b.problems) expect(p.file).toBe('garbage/kustomization.yaml');
  });

  it('two documents with one id: kustomize refuses, the build keeps both and says so', async () => {
    const b = await build('bad-input', 'conflict');
    expect(b.objects.map(idOf)).toEqual(['ConfigMap||twice', 'ConfigMap||twice']);
    expect(b.problems).toEqual([expect.objectContaining({ code: 'ID_CONFLICT', file: 'conflict/b.yaml' })]);
  });
});
