import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../src/repo/discover.ts';
import { classifyFile } from '../../src/repo/file-kind.ts';
import { readYamlFile } from '../../src/repo/read-yaml.ts';

const KS = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: app\n';
const ODD_NAMES = ['apps/name with spaces.yaml', 'apps/ünïcødé-名前.yaml', 'apps/new\nline.yaml'];

/** A small repository tree with every awkward kind of entry, generated in a tmp dir. */
function makeTree(root: string): void {
  const files: Record<string, string> = {
    'apps/a/ks.yaml': KS,
    'apps/a/ks.yaml.dis': KS,
    'apps/b/ks.dis': KS,
    'apps/b/helmrelease.yml.bak': KS,
    'apps/b/dump.sql.bak': 'SELECT 1;',
    'archive/old/ks.yaml': KS,
    'docs/README.md': '# Docs\n',
    'node_modules/pkg/values.yaml': 'a: 1\n',
    ...Object.fromEntries(ODD_NAMES.map((n) => [n, KS])),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync('/etc/passwd', join(root, 'apps/passwd.yaml'));
  symlinkSync('loop-b.yaml', join(root, 'apps/loop-a.yaml'));
  symlinkSync('loop-a.yaml', join(root, 'apps/loop-b.yaml'));
  symlinkSync('a/ks.yaml', join(root, 'apps/linked.yaml'));
  symlinkSync('..', join(root, 'apps/a/up'));
}

const expectedPaths = [
  'apps/a/ks.yaml',
  'apps/a/ks.yaml.dis',
  'apps/b/dump.sql.bak',
  'apps/b/helmrelease.yml.bak',
  'apps/b/ks.dis',
  'apps/linked.yaml',
  'apps/name with spaces.yaml',
  'apps/new\nline.yaml',
  'apps/ünïcødé-名前.yaml',
  'docs/README.md',
];

describe('discoverFiles without git (bounded walk)', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'atlas-walk-'));
    makeTree(root);
    mkdirSync(join(root, '.git'));
    writeFileSync(join(root, '.git/HEAD.yaml'), 'a: 1\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists files sorted, classified, without .git, node_modules, excluded folders or escaping symlinks', async () => {
    const { files, findings } = await discoverFiles(root, { exclude: ['archive'], useGit: false });
    expect(files.map((f) => f.path)).toEqual(expectedPaths);
    expect(files.map((f) => f.kind)).toEqual(['yaml', 'disabled-yaml', 'other', 'disabled-yaml', 'disabled-yaml', 'yaml', 'yaml', 'yaml', 'yaml', 'markdown']);
    expect(files.find((f) => f.path === 'apps/linked.yaml')?.size).toBe(KS.length);
    expect(files.every((f) => f.abs.startsWith(realpathSync(root)))).toBe(true);
    expect(findings.map((f) => [f.code, f.source.file, f.source.line]).sort()).toEqual([
      ['SYMLINK_LOOP', 'apps/a/up', 1],
      ['SYMLINK_LOOP', 'apps/loop-a.yaml', 1],
      ['SYMLINK_LOOP', 'apps/loop-b.yaml', 1],
      ['SYMLINK_OUTSIDE_REPO', 'apps/passwd.yaml', 1],
    ]);
  });

  it('reads files with spaces, unicode and newlines in their names', async () => {
    const { files } = await discoverFiles(root, { include: ['apps/**'], useGit: false });
    for (const name of ODD_NAMES) {
      const file = files.find((f) => f.path === name);
      expect(file).toBeDefined();
      const { docs, findings } = await readYamlFile(file!);
      expect(findings).toEqual([]);
      expect(docs[0]?.source.file).toBe(name);
    }
  });

  it('applies include globs and stops at maxFiles with a finding', async () => {
    const { files, findings } = await discoverFiles(root, { include: ['**/*.yaml'], exclude: ['archive/**'], maxFiles: 3, useGit: false });
    expect(files.map((f) => f.path)).toEqual(['apps/a/ks.yaml', 'apps/linked.yaml', 'apps/name with spaces.yaml']);
    expect(findings.filter((f) => f.code === 'TOO_MANY_FILES')).toHaveLength(1);
  });
});

describe('discoverFiles in a git work tree', () => {
  let top: string;
  let root: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: top, stdio: 'pipe' });

  beforeAll(() => {
    // The GitOps repo is a sub-folder of a bigger work tree, as in a monorepo.
    top = mkdtempSync(join(tmpdir(), 'atlas-git-'));
    root = join(top, 'cluster');
    mkdirSync(root);
    makeTree(root);
    writeFileSync(join(top, 'outside.yaml'), KS);
    writeFileSync(join(root, '.gitignore'), 'ignored/\n');
    mkdirSync(join(root, 'ignored'));
    writeFileSync(join(root, 'ignored/generated.yaml'), KS);
    writeFileSync(join(root, 'deleted.yaml'), KS);
    git('init', '-q');
    git('add', 'cluster/apps/a', 'cluster/deleted.yaml', 'cluster/apps/passwd.yaml', 'cluster/.gitignore');
    git('commit', '-q', '-m', 'init');
    unlinkSync(join(root, 'deleted.yaml'));
  });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('lists tracked and untracked files relative to the root, not ignored or deleted ones', async () => {
    const { files, findings } = await discoverFiles(root, { exclude: ['archive/**'] });
    expect(files.map((f) => f.path)).toEqual(['.gitignore', ...expectedPaths]);
    expect(findings.map((f) => [f.code, f.source.file]).sort()).toEqual([
      ['SYMLINK_LOOP', 'apps/loop-a.yaml'],
      ['SYMLINK_LOOP', 'apps/loop-b.yaml'],
      ['SYMLINK_OUTSIDE_REPO', 'apps/passwd.yaml'],
    ]);
  });
});

describe('classifyFile', () => {
  it.each([
    ['kubernetes/apps/x/ks.yaml', 'yaml'],
    ['x/values.YML', 'yaml'],
    ['x/ks.dis', 'disabled-yaml'],
    ['x/ks.yaml.dis', 'disabled-yaml'],
    ['x/ks.bak', 'disabled-yaml'],
    ['x/backup.tar.bak', 'other'],
    ['README.md', 'markdown'],
    ['docs/page.mdx', 'markdown'],
    ['.sops.yaml', 'yaml'],
    ['LICENSE', 'other'],
  ])('%s -> %s', (path, kind) => {
    expect(classifyFile(path)).toBe(kind);
  });
});
