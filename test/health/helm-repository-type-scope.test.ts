/**
 * HELMREPOSITORY_TYPE_MISMATCH is judged only where the pair is known and applied: a type written as a
 * Flux variable (`type: ${TYPE}`, filled in by postBuild substitution) may well be `oci`, so an oci://
 * URL beside it is not judged; a mismatched HelmRepository no build applies (an old folder no
 * Kustomization reaches) fetches nothing and is not judged either. The same pair, applied and written
 * out, is an error.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { helmRepositoryTypeFindings } from '../../src/analysis/health/helm-repository-type.ts';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const repository = (name: string, url: string, type: string | null) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n${type ? `  type: ${type}\n` : ''}  url: ${url}\n`;

async function mismatched(root: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return { model, found: analyse(model, config).findings.filter((f) => f.code === 'HELMREPOSITORY_TYPE_MISMATCH') };
}

describe('a HelmRepository whose type is not known or which is not applied', () => {
  const repo = tempRepos(afterAll);

  it('is not judged where the type is a variable', async () => {
    const r = repo('helm-repository-type-variable');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('sources', './sources'));
    r.put('sources/kustomization.yaml', 'resources:\n  - ./repos.yaml\n');
    r.put('sources/repos.yaml', [repository('bitnami', 'oci://registry-1.docker.io/bitnamicharts', '"${TYPE}"'), repository('ghcr', 'oci://ghcr.io/example/charts', null)].join('---\n'));
    const { found } = await mismatched(r.root);
    expect(found.map((f) => f.objectId)).toEqual(['HelmRepository/flux-system/ghcr']);
  });

  it('is not judged where no build applies it', async () => {
    const r = repo('helm-repository-type-undeployed');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('sources', './sources'));
    r.put('sources/kustomization.yaml', 'resources:\n  - ./repos.yaml\n');
    r.put('sources/repos.yaml', repository('ghcr', 'oci://ghcr.io/example/charts', 'oci'));
    r.put('old/sources/repos.yaml', repository('bitnami', 'oci://registry-1.docker.io/bitnamicharts', null));
    const { model, found } = await mismatched(r.root);
    expect(found).toEqual([]);
    // (The check itself leaves it out, not only the report's filter of undeployed apps.)
    expect(helmRepositoryTypeFindings(model)).toEqual([]);
    // Applied, the same repository is an error.
    r.put('sources/kustomization.yaml', 'resources:\n  - ./repos.yaml\n  - ./bitnami.yaml\n');
    r.put('sources/bitnami.yaml', repository('bitnami', 'oci://registry-1.docker.io/bitnamicharts', null));
    expect((await mismatched(r.root)).found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['error sources/bitnami.yaml']);
  });
});
