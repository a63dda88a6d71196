/**
 * Canary: the fixture's secrets change between base and head (SOPS ciphertext, MAC and a plain
 * Secret's value). `atlas diff` reports the rotation by file and name, and no format prints any of
 * those strings. Also: the JSON parses against the published schema, and --format github carries
 * the sticky-comment marker.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffReportSchema } from '../../src/lib/diff/schema.ts';
import { STICKY_MARKER } from '../../src/lib/diff/markdown.ts';
import { hasGit } from '../support/git-repo.ts';
import { buildFixtureRepo, CANARIES, SUBJECTS } from './fixture-repo.ts';

const ROOT = join(import.meta.dirname, '../..');

describe.skipIf(!hasGit)('no secret value in any output of atlas diff', () => {
  const top = mkdtempSync(join(tmpdir(), 'atlas-diff-canary-'));
  const out: Record<string, { status: number | null; stdout: string; stderr: string }> = {};
  // The rotation commit against the initial one: SOPS ciphertext, MAC and the plain value all change.
  const back = SUBJECTS.length - 1 - SUBJECTS.indexOf('rotate the plex secret');

  // The command's own temporary folder, to see that it removes its checkouts.
  const privateTmp = join(top, '..', `${top.split('/').pop()}-tmp`);

  beforeAll(() => {
    buildFixtureRepo(top);
    mkdirSync(privateTmp);
    for (const format of ['markdown', 'json', 'github']) {
      const r = spawnSync(process.execPath, ['scripts/atlas.mjs', 'diff', '--repo', top, '--base', `HEAD~${back + 2}`, '--head', `HEAD~${back}`, '--format', format], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: privateTmp } });
      out[format] = { status: r.status, stdout: r.stdout, stderr: r.stderr };
    }
  });
  afterAll(() => {
    rmSync(top, { recursive: true, force: true });
    rmSync(privateTmp, { recursive: true, force: true });
  });

  it('removes its temporary checkouts', () => {
    expect(readdirSync(privateTmp)).toEqual([]);
  });

  it('every format reports the rotation and exits 0', () => {
    for (const format of ['markdown', 'json', 'github']) {
      expect(out[format]!.status, out[format]!.stderr).toBe(0);
      expect(out[format]!.stdout).toContain('kubernetes/apps/media/plex/app/secret.sops.yaml');
    }
    expect(out.markdown!.stdout).toMatch(/secret rotated/);
  });

  it('no canary (ciphertext, MAC, plain value) in stdout or stderr of any format', () => {
    for (const [format, r] of Object.entries(out)) {
      for (const [name, value] of Object.entries(CANARIES)) {
        expect(r.stdout.includes(value), `${name} in ${format} stdout`).toBe(false);
        expect(r.stderr.includes(value), `${name} in ${format} stderr`).toBe(false);
      }
      expect(r.stdout, format).not.toMatch(/ENC\[|mac:|lastmodified/i);
    }
  });

  it('json parses against DiffReportSchema; github starts with the sticky marker', () => {
    const report = DiffReportSchema.parse(JSON.parse(out.json!.stdout));
    expect(report.versions.map((v) => `${v.name} ${v.from} -> ${v.to} ${v.update}`)).toEqual([
      'plex 1.2.3 -> 2.0.0 major',
      'ghcr.io/example/plex v1.40.0 -> v1.40.1 patch',
    ]);
    expect(report.secrets.rotated.map((s) => s.id)).toEqual(['kubernetes/apps/media/plex/app/secret.sops.yaml']);
    expect(out.github!.stdout.split('\n')[0]).toBe(STICKY_MARKER);
    expect(out.markdown!.stdout).not.toContain(STICKY_MARKER);
  });
});
