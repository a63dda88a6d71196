import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, makeBaseline, newFindings, parseBaseline, serialiseBaseline } from '../../src/lib/check/baseline.ts';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatText } from '../../src/lib/check/format.ts';
import { toSarif } from '../../src/lib/check/sarif.ts';
import { applySilences } from '../../src/analysis/silence.ts';
import { finding, type Finding } from '../../src/model/finding.ts';

const f1 = finding('BACKUP_MISSING', 'warning', 'PVC a/b (2Gi) is not backed up.', { file: 'apps/a/pvc.yaml', line: 3, col: 1 }, { objectId: 'PersistentVolumeClaim/a/b', appId: 'a/b' });
const f2 = finding('HARDCODED_CREDENTIAL', 'error', 'A literal under "x,y: z%" looks like a credential.\nSecond line', { file: 'dir,odd:name/h.yaml', line: 24, col: 20 });
const f3 = finding('NETWORK_POLICY_MISSING', 'info', 'Namespace media has no NetworkPolicy.', { file: 'ns/media.yaml', line: 2, col: 1 }, { objectId: 'Namespace/_cluster/media' });

describe('text and GitHub formats', () => {
  it('prints file:line:col severity CODE message, one line per finding', () => {
    expect(formatText([f1, f2])).toBe(
      'apps/a/pvc.yaml:3:1 warning BACKUP_MISSING PVC a/b (2Gi) is not backed up.\n' +
        'dir,odd:name/h.yaml:24:20 error HARDCODED_CREDENTIAL A literal under "x,y: z%" looks like a credential. Second line\n',
    );
  });

  it('escapes % CR LF in data, and also : and , in properties', () => {
    expect(escapeGithubData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeGithubProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    expect(formatGithub([f2, f3])).toBe(
      '::error file=dir%2Codd%3Aname/h.yaml,line=24,col=20,title=HARDCODED_CREDENTIAL::A literal under "x,y: z%25" looks like a credential.%0ASecond line\n' +
        '::notice file=ns/media.yaml,line=2,col=1,title=NETWORK_POLICY_MISSING::Namespace media has no NetworkPolicy.\n',
    );
  });

  it('never lets user text start a new workflow command', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (file, message) => {
        const out = formatGithub([finding('YAML_WARNING', 'warning', message, { file, line: 1, col: 1 })]);
        expect(out.split('\n').filter((l) => l !== '')).toHaveLength(1);
      }),
    );
  });
});

describe('SARIF 2.1.0', () => {
  it('has the required fields: version, runs[].tool.driver.name, rules, results with locations and levels', () => {
    const log = toSarif([f1, f2, f3], fingerprint);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('gitops-atlas');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['BACKUP_MISSING', 'HARDCODED_CREDENTIAL', 'NETWORK_POLICY_MISSING']);
    // Each rule is described by the registry's summary (plain text: no Markdown backticks).
    expect(run.tool.driver.rules[2]!.shortDescription.text).toBe('A namespace has no NetworkPolicy or CiliumNetworkPolicy: every pod in it accepts traffic from anywhere.');
    expect(run.results.map((r) => [r.ruleId, r.level, run.tool.driver.rules[r.ruleIndex]!.id])).toEqual([
      ['BACKUP_MISSING', 'warning', 'BACKUP_MISSING'],
      ['HARDCODED_CREDENTIAL', 'error', 'HARDCODED_CREDENTIAL'],
      ['NETWORK_POLICY_MISSING', 'note', 'NETWORK_POLICY_MISSING'],
    ]);
    for (const r of run.results) {
      expect(r.message.text.length).toBeGreaterThan(0);
      const loc = r.locations[0]!.physicalLocation;
      expect(typeof loc.artifactLocation.uri).toBe('string');
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
    }
    expect(run.results[1]!.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'dir,odd:name/h.yaml' }, region: { startLine: 24, startColumn: 20 } });
  });
});

describe('baseline', () => {
  it('round-trips and then reports only new findings', () => {
    const b = parseBaseline(serialiseBaseline(makeBaseline([f1, f2])));
    expect(newFindings([f1, f2, f3], b)).toEqual([f3]);
  });

  it('ignores line moves and numbers in messages, not a different object or file', () => {
    const moved: Finding = { ...f1, source: { ...f1.source, line: 40 }, message: 'PVC a/b (3Gi) is not backed up.' };
    expect(fingerprint(moved)).toBe(fingerprint(f1));
    const noObject: Finding = { ...f2, source: { ...f2.source, line: 99 } };
    expect(fingerprint(noObject)).toBe(fingerprint(f2));
    expect(fingerprint({ ...f1, objectId: 'PersistentVolumeClaim/a/c' })).not.toBe(fingerprint(f1));
    expect(fingerprint({ ...f1, source: { ...f1.source, file: 'other.yaml' } })).not.toBe(fingerprint(f1));
  });

  it('rejects a file that is not a baseline', () => {
    expect(() => parseBaseline('{"fingerprints": 3}')).toThrow(/version/);
    expect(() => parseBaseline('nope')).toThrow(/not JSON/);
  });
});

describe('silences', () => {
  it('match by code, narrowed by object/app id and by file glob, keeping the reason', () => {
    const { active, silenced } = applySilences([f1, f2, f3], [
      { code: 'BACKUP_MISSING', object: 'a/b', reason: 'cache volume' },
      { code: 'NETWORK_POLICY_MISSING', file: 'other/**', reason: 'not here' },
      { code: 'HARDCODED_CREDENTIAL', object: 'Secret/x/y', reason: 'other object' },
    ]);
    expect(active).toEqual([f2, f3]);
    expect(silenced).toEqual([{ finding: f1, reason: 'cache volume' }]);
    expect(applySilences([f3], [{ code: 'NETWORK_POLICY_MISSING', file: 'ns/*.yaml', reason: 'ok' }]).active).toEqual([]);
  });
});
