import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkflow, stepOf } from './workflow-files.ts';

/**
 * The release workflow's own shell, run as GitHub runs it: the guard that refuses a tag that does
 * not match package.json, a package.json whose repository is another one (npm provenance would be
 * refused), or a version without a dated CHANGELOG.md section; and the extraction of that section
 * as the release notes.
 */
const release = readWorkflow('.github/workflows/release.yml');
const guard = stepOf(release, 'meta').run!;
const notesScript = stepOf(release, 'Create the release').run!;
const dir = mkdtempSync(join(tmpdir(), 'atlas-release-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bash = (script: string, cwd: string, env: Record<string, string>) =>
  spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

function runGuard(opts: { tag: string; version?: string; url?: string; changelog?: string; repository?: string }) {
  const work = mkdtempSync(join(dir, 'guard-'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'gitops-atlas', version: opts.version ?? '1.2.3', repository: { type: 'git', url: opts.url ?? 'git+https://github.com/gitops-atlas/gitops-atlas.git' } }));
  writeFileSync(join(work, 'CHANGELOG.md'), opts.changelog ?? '# Changelog\n\n## [1.2.3] - 2026-12-01\n\n- a fix\n');
  const output = join(work, 'output');
  writeFileSync(output, '');
  const r = bash(guard, work, { TAG: opts.tag, REPOSITORY: opts.repository ?? 'gitops-atlas/gitops-atlas', GITHUB_OUTPUT: output });
  return { status: r.status, out: r.stdout + r.stderr, output: readFileSync(output, 'utf8') };
}

describe('release guard', () => {
  it('passes when tag, package.json, repository and a dated changelog section agree, and outputs the version', () => {
    const r = runGuard({ tag: 'v1.2.3' });
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
    expect(r.output).toBe('version=1.2.3\n');
  });

  it('refuses a tag that is not the package version', () => {
    const r = runGuard({ tag: 'v1.2.4' });
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('::error::tag v1.2.4 but package.json says 1.2.3');
  });

  it('refuses a repository field that names another repository (provenance would not verify)', () => {
    const r = runGuard({ tag: 'v1.2.3', repository: 'someone/fork' });
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('::error::package.json repository.url is git+https://github.com/gitops-atlas/gitops-atlas.git');
  });

  it('refuses a version whose changelog section is not dated', () => {
    const r = runGuard({ tag: 'v1.2.3', changelog: '# Changelog\n\n## [1.2.3] - unreleased\n' });
    expect(r.status).not.toBe(0);
    expect(r.out).toContain('CHANGELOG.md has no dated section');
  });

  it("this repository's package.json names the repository the release workflow runs in", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { repository: { url: string }; homepage: string; bugs: { url: string } };
    expect(pkg.repository.url).toBe('git+https://github.com/gitops-atlas/gitops-atlas.git');
    expect(pkg.homepage.startsWith('https://github.com/gitops-atlas/gitops-atlas')).toBe(true);
    expect(pkg.bugs.url).toBe('https://github.com/gitops-atlas/gitops-atlas/issues');
  });
});

describe('release notes', () => {
  const awk = /awk [^\n]*CHANGELOG\.md/.exec(notesScript)![0];
  const notes = (version: string, changelog: string) => {
    const work = mkdtempSync(join(dir, 'notes-'));
    writeFileSync(join(work, 'CHANGELOG.md'), changelog);
    return bash(awk, work, { VERSION: version }).stdout;
  };

  it("are the version's section of CHANGELOG.md without its heading, other versions or link definitions", () => {
    const text = ['# Changelog', '', '## [Unreleased]', '', '- next', '', '## [1.2.3] - 2026-12-01', '', '### Fixed', '', '- a fix', '', '## [1.2.2] - 2026-11-01', '', '- older', '', '[1.2.3]: https://example.org/v1.2.3', ''].join('\n');
    expect(notes('1.2.3', text)).toBe('\n### Fixed\n\n- a fix\n\n');
    expect(notes('1.2.2', text)).toBe('\n- older\n\n');
  });

  it("take this repository's CHANGELOG.md section for the package version", () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    const text = notes(version, readFileSync('CHANGELOG.md', 'utf8'));
    expect(text).toContain('### Added');
    expect(text).not.toMatch(/^## |^\[/m);
  });
});
