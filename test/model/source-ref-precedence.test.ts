/**
 * A source's `ref` may set several selectors; source-controller follows one by precedence: an
 * OCIRepository's digest, then semver, then tag; a GitRepository's commit, then name, then semver, then
 * tag, then branch. An outside review found `ref: {semver: "1.x", tag: v1.19.4}` of a chart's
 * OCIRepository shown as version v1.19.4, a tag the controller ignores.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const oci = (name: string, ref: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: OCIRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: oci://quay.io/jetstack/charts/${name}\n  ref:\n${ref}`;
const git = (name: string, ref: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://example.org/${name}.git\n  ref:\n${ref}`;

describe('the ref a source follows', () => {
  const repo = tempRepos(afterAll);

  it('is the selector of highest precedence, and a chartRef shows it as the version', async () => {
    const r = repo('source-ref-precedence');
    bootstrap(r, 'prod');
    r.put('clusters/prod/sources.yaml', fluxKustomization('sources', './sources'));
    r.put('sources/kustomization.yaml', 'resources:\n  - sources.yaml\n  - release.yaml\n');
    r.put('sources/sources.yaml', [
      oci('cert-manager', '    semver: "1.x"\n    tag: v1.19.4\n'),
      oci('pinned', '    digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n    tag: v2.0.0\n'),
      oci('tagged', '    tag: v3.1.0\n'),
      git('branch-and-tag', '    branch: main\n    tag: v1.2.0\n'),
      git('commit', '    branch: main\n    commit: 4f0e1c2d\n'),
    ].join('---\n'));
    r.put('sources/release.yaml', 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: cert-manager\n  namespace: cert-manager\nspec:\n  interval: 1h\n  chartRef:\n    kind: OCIRepository\n    name: cert-manager\n    namespace: flux-system\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(Object.fromEntries(model.sources.map((s) => [s.name, s.ref]))).toEqual({
      'branch-and-tag': 'v1.2.0',
      'cert-manager': '1.x',
      commit: '4f0e1c2d',
      pinned: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      tagged: 'v3.1.0',
    });
    expect(model.helmReleases.find((h) => h.name === 'cert-manager')!.chart.version).toBe('1.x');
  });
});
