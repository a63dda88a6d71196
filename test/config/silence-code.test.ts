/** `silence[].code` in atlas.config.yaml is checked against the registry of finding codes. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applySilences } from '../../src/analysis/silence.ts';
import { AtlasConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';
import { finding } from '../../src/model/finding.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-silence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configError(yaml: string): AtlasConfigError {
  writeFileSync(join(dir, 'atlas.config.yaml'), yaml);
  try {
    loadConfig(dir);
  } catch (error) {
    if (error instanceof AtlasConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('silence codes', () => {
  it('an unknown code is a configuration error that names it and the nearest known code', () => {
    const error = configError(['silence:', '  - code: DEPENDS_ON_MISING', '    reason: the CRDs come from the bootstrap', ''].join('\n'));
    expect(error.issues).toEqual([
      'silence.0.code: unknown finding code "DEPENDS_ON_MISING"; did you mean DEPENDS_ON_MISSING? (every code is listed in the guide, /guide/findings/)',
    ]);
    expect(error.message).toContain('Invalid atlas.config.yaml:');
  });

  it('is reported with every other bad field, in one error', () => {
    const error = configError(
      ['title: ""', 'silence:', '  - code: NETWORK_POLICY_MISSING', '    reason: lab only', '  - code: pvc_not_backed_up', '    reason: ""', ''].join('\n'),
    );
    expect(error.issues).toEqual([
      'title: Too small: expected string to have >=1 characters',
      expect.stringMatching(/^silence\.1\.code: unknown finding code "pvc_not_backed_up"; did you mean [A-Z_]+\?/),
      'silence.1.reason: Too small: expected string to have >=1 characters',
    ]);
  });

  it('a lower-case spelling of a real code is not accepted, but suggested', () => {
    expect(() => parseConfig({ silence: [{ code: 'backup_missing', reason: 'x' }] })).toThrow(/unknown finding code "backup_missing"; did you mean BACKUP_MISSING\?/);
  });

  it('a known code is accepted and silences its findings', () => {
    const config = parseConfig({ silence: [{ code: 'NETWORK_POLICY_MISSING', file: 'ns/*.yaml', reason: 'lab only' }] });
    const f = finding('NETWORK_POLICY_MISSING', 'info', 'Namespace a has no NetworkPolicy.', { file: 'ns/a.yaml', line: 1, col: 1 });
    const other = finding('BACKUP_MISSING', 'warning', 'Claim a is not backed up.', { file: 'ns/a.yaml', line: 3, col: 1 });
    const { active, silenced } = applySilences([f, other], config.silence);
    expect(silenced).toEqual([{ finding: f, reason: 'lab only' }]);
    expect(active).toEqual([other]);
  });
});
