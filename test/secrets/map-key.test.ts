/**
 * A value that reads as a map key never leaves the scan: not on stderr (the yaml package's warning
 * printed the start of it), not in the model's HelmRelease values. Fixture: secrets-map-key.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, scan } from './scan.ts';

const DIR = fixture('secrets-map-key');
const ROOT = join(import.meta.dirname, '../..');
const CANARY = 'CANARYmapkey';

describe('a credential written as a map key', () => {
  it('is wiped from the model', async () => {
    const { model } = await scan(DIR);
    expect(JSON.stringify(model)).not.toContain(CANARY);
    expect(JSON.stringify(model.helmReleases[0]!.values)).toContain('[redacted]');
  });

  it('reaches neither stdout nor stderr of atlas check', () => {
    const r = spawnSync(process.execPath, ['scripts/atlas.mjs', 'check', '--repo', DIR, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout).not.toContain(CANARY);
    expect(r.stderr).not.toContain(CANARY);
    expect(r.stderr).not.toContain('stringified');
  });
});
