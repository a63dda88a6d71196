/**
 * HELMREPOSITORY_TYPE_MISMATCH: an oci:// HelmRepository without `type: oci` (source-controller reads it
 * as an HTTP index: "unsupported protocol scheme oci"), or `type: oci` with an http(s) URL ("the URL
 * scheme is not supported"): no chart of it is ever fetched (outside review: a bitnamicharts OCI
 * repository without its type).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const repository = (name: string, url: string, type: string | null) =>
  `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n${type ? `  type: ${type}\n` : ''}  url: ${url}\n`;

describe('a HelmRepository whose URL and type disagree', () => {
  const repo = tempRepos(afterAll);

  it('is an error; a matching pair is not', async () => {
    const r = repo('helm-repository-type');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('sources', './sources'));
    r.put('sources/kustomization.yaml', 'resources:\n  - ./repos.yaml\n');
    r.put('sources/repos.yaml', [
      repository('bitnami', 'oci://registry-1.docker.io/bitnamicharts', null),
      repository('wrong', 'https://charts.example.org', 'oci'),
      repository('ghcr', 'oci://ghcr.io/example/charts', 'oci'),
      repository('plain', 'https://charts.example.org', 'default'),
    ].join('---\n'));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const found = analyse(model, config).findings.filter((f) => f.code === 'HELMREPOSITORY_TYPE_MISMATCH');
    expect(found.map((f) => `${f.severity} ${f.objectId}`)).toEqual(['error HelmRepository/flux-system/bitnami', 'error HelmRepository/flux-system/wrong']);
    expect(found[0]!.message).toContain('Add `spec.type: oci`');
  });
});
