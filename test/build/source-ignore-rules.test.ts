/**
 * What source-controller leaves out of a GitRepository's artifact (fluxcd/pkg sourceignore with
 * source-controller's SourceIgnoreFilter): the `.sourceignore` files, each below its own folder, then
 * the GitRepository's spec.ignore, whose `!` patterns take back what came before; the default list
 * only where neither gives a pattern. Real shapes: a homelab's root `.sourceignore`, a folder's own,
 * the spec.ignore of Flux's documentation.
 */
import { describe, expect, it } from 'vitest';
import { leftOutPhrase, sourceIgnoreRules } from '../../src/repo/build/source-ignore.ts';

const spec = (text: string) => ({ text, source: 'flux-system/flux-system', file: 'clusters/prod/flux-system/gotk-sync.yaml', line: 12 });

describe('the ignore rules of a GitRepository artifact', () => {
  it('a root .sourceignore leaves out a folder and everything below it, by the line that names it', () => {
    const rules = sourceIgnoreRules([{ path: '.sourceignore', text: '# retired\nclusters/prod/apps/archive/\n' }], null);
    expect(rules.leftOut('clusters/prod/apps/archive/old-podinfo.yaml')).toEqual({ pattern: 'clusters/prod/apps/archive/', where: { file: '.sourceignore', line: 2 }, from: 'sourceignore' });
    expect(rules.leftOut('clusters/prod/apps/archive/deep/more.yaml')?.pattern).toBe('clusters/prod/apps/archive/');
    expect(rules.leftOut('clusters/prod/apps/podinfo/release.yaml')).toBeNull();
    // A pattern with a slash is anchored where it is written: another `archive` folder stays.
    expect(rules.leftOut('archive/legacy/legacy.yaml')).toBeNull();
    expect(leftOutPhrase(rules.leftOut('clusters/prod/apps/archive/old-podinfo.yaml')!)).toBe('`clusters/prod/apps/archive/` of .sourceignore:2');
  });

  it("a folder's own .sourceignore applies below that folder only, its `/` anchored there", () => {
    const rules = sourceIgnoreRules(
      [
        { path: 'kubernetes/apps/.sourceignore', text: '*.example.yaml\n/drafts/\n' },
        { path: '.sourceignore', text: 'docs/\n' },
      ],
      null,
    );
    expect(rules.leftOut('kubernetes/apps/web/secret.example.yaml')).toEqual({ pattern: '*.example.yaml', where: { file: 'kubernetes/apps/.sourceignore', line: 1 }, from: 'sourceignore' });
    expect(rules.leftOut('kubernetes/infra/secret.example.yaml')).toBeNull();
    expect(rules.leftOut('kubernetes/apps/drafts/new.yaml')?.pattern).toBe('/drafts/');
    expect(rules.leftOut('kubernetes/apps/web/drafts/new.yaml')).toBeNull();
    expect(rules.leftOut('docs/index.yaml')?.where?.file).toBe('.sourceignore');
  });

  it("spec.ignore comes after the .sourceignore files: Flux's documented `/*` with `!/deploy` takes the folder back, and a later `!` re-includes a file below a folder left out", () => {
    const rules = sourceIgnoreRules(
      [{ path: '.sourceignore', text: 'deploy/drafts/\n' }],
      spec('# exclude all\n/*\n# include deploy dir\n!/deploy\n# exclude file extensions from deploy dir\n/deploy/**/*.md\n/deploy/**/*.txt\n/deploy/legacy/\n!/deploy/legacy/keep.yaml\n'),
    );
    // `!/deploy` matches every file below deploy/, so it takes back what the .sourceignore left out there.
    expect(rules.leftOut('deploy/drafts/new.yaml')).toBeNull();
    expect(rules.leftOut('deploy/apps/web/release.yaml')).toBeNull();
    expect(rules.leftOut('README.md')?.pattern).toBe('/*');
    expect(rules.leftOut('clusters/prod/apps.yaml')).toEqual({ pattern: '/*', where: { file: 'clusters/prod/flux-system/gotk-sync.yaml', line: 12 }, from: 'spec.ignore', source: 'flux-system/flux-system' });
    expect(rules.leftOut('deploy/README.md')?.pattern).toBe('/deploy/**/*.md');
    expect(rules.leftOut('deploy/apps/notes.txt')?.pattern).toBe('/deploy/**/*.txt');
    // source-controller's matcher takes the last pattern that matches a file or a folder above it (go-git's,
    // not git's, where a file below an excluded folder cannot be re-included).
    expect(rules.leftOut('deploy/legacy/old.yaml')?.pattern).toBe('/deploy/legacy/');
    expect(rules.leftOut('deploy/legacy/keep.yaml')).toBeNull();
    expect(leftOutPhrase(rules.leftOut('README.md')!)).toBe('`/*` of the spec.ignore of GitRepository flux-system/flux-system (clusters/prod/flux-system/gotk-sync.yaml:12)');
  });

  it('without any pattern, the default list leaves out .github/ and the other CI, tool and binary files; any pattern replaces it, the VCS files stay out', () => {
    const none = sourceIgnoreRules([], null);
    expect(none.defaultsReplaced).toBe(false);
    expect(none.leftOut('.github/workflows/ci.yaml')).toEqual({ pattern: '.github/', where: null, from: 'default' });
    expect(none.leftOut('kubernetes/apps/.sops.yaml')?.pattern).toBe('**/.sops.yaml');
    expect(none.leftOut('kubernetes/apps/web/logo.png')?.pattern).toBe('*.png');
    expect(none.leftOut('kubernetes/apps/web/release.yaml')).toBeNull();
    // A .sourceignore of comments only, or an empty spec.ignore, gives no pattern: the defaults stay.
    expect(sourceIgnoreRules([{ path: '.sourceignore', text: '# nothing yet\n\n' }], spec('')).leftOut('.github/workflows/ci.yaml')?.from).toBe('default');
    const some = sourceIgnoreRules([{ path: '.sourceignore', text: 'docs/\n' }], null);
    expect(some.defaultsReplaced).toBe(true);
    expect(some.leftOut('.github/workflows/ci.yaml')).toBeNull();
    expect(some.leftOut('kubernetes/apps/web/logo.png')).toBeNull();
    expect(some.leftOut('.gitignore')?.from).toBe('default');
    expect(some.leftOut('.git/config')?.pattern).toBe('.git/');
  });
});
