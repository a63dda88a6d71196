/**
 * Issue 22, "atlas export writes outside the repository": each attack on the export's write path,
 * named after the attack. The targets are given directly (the same ExportTarget list that
 * exportTargets builds), so each case isolates one trick; the last case runs the CLI on a
 * repository that holds all of them at once.
 */
import { linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportTarget } from '../../src/lib/export/plan.ts';
import { applyExport, planExport } from '../../src/lib/export/write-plan.ts';
import { ATLAS_BEGIN, ATLAS_END } from '../../src/markdown/markers.ts';

let tmp: string;
let repo: string;
let outside: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'atlas-export-attack-'));
  repo = join(tmp, 'repo');
  outside = join(tmp, 'outside');
  mkdirSync(repo);
  mkdirSync(outside);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const target = (file: string, generated = 'facts\n'): ExportTarget => ({ file, title: 'T', generated });
function exportAll(targets: ExportTarget[]) {
  const plan = planExport(repo, targets);
  const result = applyExport(repo, plan);
  return { plan, result, codes: [...plan.findings, ...result.findings].map((f) => `${f.code} ${f.source.file}`) };
}
/** Files under a folder (not following links), for "nothing else appeared". */
const list = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('export never writes through a symbolic link', () => {
  it('README.md symlinked to a file outside the repository: the outside file is not appended to', () => {
    writeFileSync(join(outside, 'victim.md'), 'outside text\n');
    mkdirSync(join(repo, 'apps/a'), { recursive: true });
    symlinkSync(join(outside, 'victim.md'), join(repo, 'apps/a/README.md'));
    const { codes, result } = exportAll([target('apps/a/README.md')]);
    expect(codes).toEqual(['EXPORT_TARGET_SYMLINK apps/a/README.md']);
    expect(result.written).toEqual([]);
    expect(readFileSync(join(outside, 'victim.md'), 'utf8')).toBe('outside text\n');
    expect(lstatSync(join(repo, 'apps/a/README.md')).isSymbolicLink()).toBe(true);
  });

  it('SECRETS.md as a dangling symlink to a path outside: nothing is created there', () => {
    symlinkSync(join(outside, 'created-by-atlas.md'), join(repo, 'SECRETS.md'));
    const { codes } = exportAll([target('SECRETS.md')]);
    expect(codes).toEqual(['EXPORT_TARGET_SYMLINK SECRETS.md']);
    expect(list(outside)).toEqual([]);
    expect(readlinkSync(join(repo, 'SECRETS.md'))).toBe(join(outside, 'created-by-atlas.md'));
  });

  it('CHANGELOG.md as a relative ../ symlink to a file outside is refused', () => {
    writeFileSync(join(outside, 'log.md'), 'x');
    symlinkSync('../outside/log.md', join(repo, 'CHANGELOG.md'));
    expect(exportAll([target('CHANGELOG.md')]).codes).toEqual(['EXPORT_TARGET_SYMLINK CHANGELOG.md']);
    expect(readFileSync(join(outside, 'log.md'), 'utf8')).toBe('x');
  });

  it('an app folder that is a symlink to a folder outside: no README.md is created through it', () => {
    mkdirSync(join(repo, 'apps'));
    symlinkSync(outside, join(repo, 'apps/linked'));
    expect(exportAll([target('apps/linked/README.md')]).codes).toEqual(['EXPORT_TARGET_SYMLINK apps/linked/README.md']);
    expect(list(outside)).toEqual([]);
  });

  it('a symlink inside the repository is refused too (never followed, whatever it points at)', () => {
    writeFileSync(join(repo, 'real.md'), 'real\n');
    symlinkSync('real.md', join(repo, 'SECRETS.md'));
    expect(exportAll([target('SECRETS.md')]).codes).toEqual(['EXPORT_TARGET_SYMLINK SECRETS.md']);
    expect(readFileSync(join(repo, 'real.md'), 'utf8')).toBe('real\n');
  });
});

describe('export never writes outside the repository by other means', () => {
  it('README.md hard-linked to a file outside: the outside file keeps its bytes (rename, not an in-place write)', () => {
    writeFileSync(join(outside, 'shared.md'), '# Shared\n');
    linkSync(join(outside, 'shared.md'), join(repo, 'README.md'));
    const { result } = exportAll([target('README.md')]);
    expect(result.written).toEqual(['README.md']);
    expect(readFileSync(join(outside, 'shared.md'), 'utf8')).toBe('# Shared\n');
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toContain(ATLAS_BEGIN);
  });

  it.each([['../outside/x.md'], ['/etc/x.md'], ['a/../../outside/x.md'], ['a/./b.md']])('a target path that climbs or is absolute (%s) is refused', (file) => {
    const { codes } = exportAll([target(file)]);
    expect(codes).toEqual([`EXPORT_TARGET_OUTSIDE_REPO ${file}`]);
    expect(list(outside)).toEqual([]);
  });

  it('writes atomically: no temp file is left beside the target, and the mode of the old file is kept', () => {
    writeFileSync(join(repo, 'README.md'), '# R\n', { mode: 0o640 });
    const { result } = exportAll([target('README.md')]);
    expect(result.written).toEqual(['README.md']);
    expect(list(repo)).toEqual(['README.md']);
    expect(statSync(join(repo, 'README.md')).mode & 0o777).toBe(0o640);
  });
});

describe('export keeps every byte outside the markers, or refuses', () => {
  it('a folder named README.md: a finding, no crash, and the other files are still written', () => {
    mkdirSync(join(repo, 'apps/a/README.md'), { recursive: true });
    const { codes, result } = exportAll([target('SECRETS.md'), target('apps/a/README.md'), target('CHANGELOG.md')]);
    expect(codes).toEqual(['EXPORT_TARGET_NOT_A_FILE apps/a/README.md']);
    expect(result.written).toEqual(['SECRETS.md', 'CHANGELOG.md']);
    expect(statSync(join(repo, 'apps/a/README.md')).isDirectory()).toBe(true);
  });

  it('a 9 MB README is left alone (not read whole into memory)', () => {
    writeFileSync(join(repo, 'README.md'), Buffer.alloc(9 * 1024 * 1024, 0x61));
    expect(exportAll([target('README.md')]).codes).toEqual(['EXPORT_TARGET_TOO_LARGE README.md']);
    expect(statSync(join(repo, 'README.md')).size).toBe(9 * 1024 * 1024);
  });

  it('a file where a folder is expected: refused with a finding', () => {
    writeFileSync(join(repo, 'apps'), 'a file');
    expect(exportAll([target('apps/a/README.md')]).codes).toEqual(['EXPORT_TARGET_NOT_A_FILE apps/a/README.md']);
  });

  it('a problem on the last target is found before the first file is written', () => {
    writeFileSync(join(repo, 'SECRETS.md'), '# S\n');
    mkdirSync(join(repo, 'z/README.md'), { recursive: true });
    const plan = planExport(repo, [target('SECRETS.md'), target('z/README.md')]);
    // Planning wrote nothing yet and already knows about the folder.
    expect(readFileSync(join(repo, 'SECRETS.md'), 'utf8')).toBe('# S\n');
    expect(plan.findings.map((f) => f.code)).toEqual(['EXPORT_TARGET_NOT_A_FILE']);
    expect(plan.writes.map((w) => w.file)).toEqual(['SECRETS.md']);
  });

  it('a UTF-16 README (with BOM) is refused, not mangled', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Notes\r\n', 'utf16le')]);
    writeFileSync(join(repo, 'README.md'), bytes);
    expect(exportAll([target('README.md')]).codes).toEqual(['EXPORT_ENCODING_UNSUPPORTED README.md']);
    expect(readFileSync(join(repo, 'README.md')).equals(bytes)).toBe(true);
  });

  it('a UTF-16 README without a BOM (NUL bytes) is refused', () => {
    const bytes = Buffer.from('# Notes\n', 'utf16le');
    writeFileSync(join(repo, 'README.md'), bytes);
    expect(exportAll([target('README.md')]).codes).toEqual(['EXPORT_ENCODING_UNSUPPORTED README.md']);
    expect(readFileSync(join(repo, 'README.md')).equals(bytes)).toBe(true);
  });

  it('Latin-1 bytes (invalid UTF-8) outside the markers are refused instead of becoming U+FFFD', () => {
    const bytes = Buffer.from('# Caf\xe9 notes\n', 'latin1');
    writeFileSync(join(repo, 'README.md'), bytes);
    expect(exportAll([target('README.md')]).codes).toEqual(['EXPORT_ENCODING_UNSUPPORTED README.md']);
    expect(readFileSync(join(repo, 'README.md')).equals(bytes)).toBe(true);
  });

  it('UTF-8 with a BOM and CRLF line ends: the BOM and every byte outside the markers are kept', () => {
    const before = '\ufeff# Notes ✓\r\n\r\nHand-written.\r\n\r\n';
    const after = '\r\nMore hand-written text, no newline at the end';
    writeFileSync(join(repo, 'README.md'), `${before}${ATLAS_BEGIN}\r\nold\r\n${ATLAS_END}${after}`);
    exportAll([target('README.md', 'new facts\n')]);
    const bytes = readFileSync(join(repo, 'README.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(`${before}${ATLAS_BEGIN}\r\n`)).toBe(true);
    expect(text.endsWith(`${ATLAS_END}${after}`)).toBe(true);
    expect(text).toContain('new facts\r\n');
    // A second export changes nothing.
    expect(planExport(repo, [target('README.md', 'new facts\n')]).writes).toEqual([]);
  });
});
