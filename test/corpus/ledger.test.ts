/** The findings ledger's comparison (scripts/corpus-check/ledger.ts), on hand-made findings: no corpus needed. */
import { describe, expect, it } from 'vitest';
import { compareRepo, identity, updateLedger, withIds, type CheckFinding, type Ledger } from '../../scripts/corpus-check/ledger.ts';

const f = (code: string, file: string, line: number, message: string, extra: Partial<CheckFinding> = {}): CheckFinding => ({
  code, severity: 'warning', message, source: { file, line, col: 1 }, ...extra,
});
const pvc = (name: string, line: number) => f('BACKUP_MISSING', `apps/${name}.yaml`, line, `PersistentVolumeClaim x/${name} (${line}Gi) is not backed up.`, { objectId: `PersistentVolumeClaim/x/${name}` });

describe('findings ledger', () => {
  it('identities: object and file, else file and message with numbers masked; never the line; repeats numbered', () => {
    expect(identity(pvc('a', 3))).toBe('PersistentVolumeClaim/x/a @ apps/a.yaml');
    expect(identity(pvc('a', 9))).toBe(identity(pvc('a', 3)));
    expect(identity(f('X', 'r.md', 4, 'Link 2 of 10 is broken'))).toBe('r.md | Link # of # is broken');
    expect([...withIds([f('X', 'r.md', 9, 'same'), f('X', 'r.md', 4, 'same')]).keys()]).toEqual(['r.md | same', 'r.md | same #2']);
  });

  it('update keeps judgements of findings still reported and stubs the rest up to five', () => {
    const findings = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n, i) => pvc(n, i + 1));
    const old: Ledger = { repo: { BACKUP_MISSING: { count: 3, severity: 'warning', judged: [
      { id: identity(pvc('a', 1)), verdict: true, at: 'x:1', why: 'kept' },
      { id: 'PersistentVolumeClaim/x/gone @ apps/gone.yaml', verdict: false, at: 'x:2', why: 'dropped' },
    ] } } };
    const next = updateLedger(old, new Map([['repo', findings]]));
    const entry = next.repo!.BACKUP_MISSING!;
    expect(entry.count).toBe(7);
    expect(entry.judged[0]).toMatchObject({ why: 'kept', at: 'apps/a.yaml:1' });
    expect(entry.judged).toHaveLength(5);
    expect(entry.judged.slice(1).every((j) => j.verdict === null && j.why.startsWith('TODO: '))).toBe(true);
  });

  it('fails on a changed count, a new code, a stub, a vanished judgement, low precision and a false error', () => {
    const findings = [pvc('a', 1), pvc('b', 2), f('NEW_CODE', 'n.yaml', 1, 'new')];
    const ledger: Ledger = { repo: { BACKUP_MISSING: { count: 3, severity: 'warning', judged: [
      { id: identity(pvc('a', 1)), verdict: false, at: '', why: '' },
      { id: identity(pvc('b', 2)), verdict: null, at: '', why: '' },
      { id: identity(pvc('z', 2)), verdict: true, at: '', why: '' },
    ] } } };
    const r = compareRepo('repo', findings, ledger);
    expect(r.problems).toEqual([
      'BACKUP_MISSING: count 2, ledger 3',
      'BACKUP_MISSING: not judged yet: PersistentVolumeClaim/x/b @ apps/b.yaml',
      'BACKUP_MISSING: judged finding no longer reported: PersistentVolumeClaim/x/z @ apps/z.yaml',
      'BACKUP_MISSING: 1 judged, 2 needed',
      'NEW_CODE: new code, 1 findings, not in the ledger',
      'precision 0.0% of judged findings true, below 95%',
    ]);
    const err = f('PLAIN_SECRET', 's.yaml', 1, 'literal', { severity: 'error', objectId: 'Secret/x/s' });
    const bad = compareRepo('repo', [err], { repo: { PLAIN_SECRET: { count: 1, severity: 'error', judged: [{ id: identity(err), verdict: false, at: '', why: '' }] } } });
    expect(bad.problems[0]).toBe('PLAIN_SECRET: an error-severity finding is judged false: Secret/x/s @ s.yaml');
  });

  it('fails on a verdict whose reason is still the stub’s TODO text', () => {
    const findings = [pvc('a', 1)];
    const ledger: Ledger = { repo: { BACKUP_MISSING: { count: 1, severity: 'warning', judged: [{ id: identity(pvc('a', 1)), verdict: true, at: '', why: 'TODO: PersistentVolumeClaim x/a' }] } } };
    expect(compareRepo('repo', findings, ledger).problems).toContain('BACKUP_MISSING: judged without a reason: PersistentVolumeClaim/x/a @ apps/a.yaml');
  });

  it('passes a ledger that matches, with precision per code', () => {
    const findings = [pvc('a', 1), pvc('b', 2)];
    const ledger: Ledger = { repo: { BACKUP_MISSING: { count: 2, severity: 'warning', judged: findings.map((x) => ({ id: identity(x), verdict: true, at: '', why: 'ok' })) } } };
    const r = compareRepo('repo', findings, ledger);
    expect(r.problems).toEqual([]);
    expect(r.precision.get('BACKUP_MISSING')).toEqual([2, 2]);
  });
});
