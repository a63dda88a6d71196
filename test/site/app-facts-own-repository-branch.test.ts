/**
 * A Flux Kustomization whose GitRepository is this repository on another branch (a branch under
 * review deployed beside main) was "in another repository that this site does not read" on its app
 * page (outside review). Its URL, written another way (ssh, `git@host:`, upper case, `.git`), is the
 * bootstrap's: the page says "this repository at branch feature/media" and that the site shows the
 * checked-out revision. The model keeps it another artifact (the branch may hold other files).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { externalNote } from '../../src/lib/site/app-facts-external.ts';
import { fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const gitRepository = (name: string, url: string, ref: string) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1m\n  ref:\n    ${ref}\n  url: ${url}\n`;

const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';

describe('a Kustomization of this repository at another branch', () => {
  const repo = tempRepos(afterAll);

  const factsOf = async (url: string, ref: string, folder = true) => {
    const r = repo('own-repository-branch');
    r.put('clusters/home/flux-system/gotk-sync.yaml', `${gitRepository('flux-system', 'https://github.com/Me/home-ops.git', 'branch: main')}---\n${fluxKustomization('flux-system', './clusters/home')}`);
    r.put('clusters/home/preview.yaml', `${gitRepository('preview', url, ref)}---\n${fluxKustomization('preview', './apps/preview', '  targetNamespace: preview\n').replace('name: flux-system\n', 'name: preview\n')}`);
    if (folder) {
      r.put('apps/preview/kustomization.yaml', 'resources:\n  - deployment.yaml\n');
      r.put('apps/preview/deployment.yaml', deployment);
    }
    const { model } = await scanRepo(r.root, parseConfig({}));
    const app = model.apps.find((a) => a.kustomizations.some((id) => id.endsWith('/preview')))!;
    const facts = appFacts(model, app.id)!;
    return { external: facts.external, note: facts.external ? Object.values(externalNote(facts.external)).join(' ') : null };
  };

  it('is this repository at that branch, written as ssh://git@host/owner/repo', async () => {
    const { external, note } = await factsOf('ssh://git@github.com/me/home-ops', 'branch: feature/media');
    expect(external).toMatchObject({ source: 'GitRepository/preview', ownRepositoryAt: 'branch feature/media', checkedOut: 'apps/preview' });
    expect(note).toContain('this repository at branch feature/media');
    expect(note).toContain('the site shows the checked-out revision');
    expect(note).not.toContain('another repository');
  });

  it('is this repository at a tag, written as git@Host:owner/repo.git', async () => {
    const { external, note } = await factsOf('git@GitHub.com:me/home-ops.git', 'tag: v1.2.0', false);
    expect(external).toMatchObject({ ownRepositoryAt: 'tag v1.2.0', checkedOut: null });
    expect(note).toContain('which has nothing at its path');
  });

  it('another repository is still another repository', async () => {
    const { external, note } = await factsOf('https://github.com/someone/else', 'branch: main');
    expect(external).toEqual({ source: 'GitRepository/preview', url: 'https://github.com/someone/else' });
    expect(note).toContain('another repository that this site does not read');
  });
});
