/**
 * A Kustomization of another repository's source may make objects the repository does not hold, which
 * silenced NAMESPACE_MISSING and HELMRELEASE_SOURCE_MISSING for the whole repository. With
 * spec.targetNamespace its build puts every namespaced object, and names every Namespace, in that one
 * namespace: only that namespace (and sources there) may come from it (outside review: a keycloak
 * operator's Kustomization silenced eleven namespaces and two sources). A Namespace manifest its built
 * folder's kustomization.yaml leaves out makes no namespace (outside review: `siloarr`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, helmRepository, tempRepos } from '../support/temp-repo.ts';

const gitRepository = (name: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: https://github.com/example/${name}\n  ref:\n    branch: main\n`;
const external = (target: string | null) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: operator\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: ./deploy\n  prune: true\n${target ? `  targetNamespace: ${target}\n` : ''}  sourceRef:\n    kind: GitRepository\n    name: operator\n`;

describe('content of another repository, and Namespace files left out', () => {
  const repo = tempRepos(afterAll);
  const codes = async (target: string | null, extra: (put: (f: string, t: string) => void) => void = () => {}) => {
    const r = repo('outside-content-namespace');
    bootstrap(r);
    r.put('clusters/prod/operator.yaml', `${gitRepository('operator')}---\n${external(target)}`);
    r.put('clusters/prod/repos.yaml', helmRepository('charts', 'https://charts.example.org'));
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps'));
    r.put('apps/web/release.yaml', helmRelease({ name: 'web', namespace: 'web' }));
    r.put('apps/dns/release.yaml', helmRelease({ name: 'dns', namespace: 'dns', source: 'dns-charts' }));
    extra(r.put);
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    return analyse(model, config).findings.filter((f) => f.code === 'NAMESPACE_MISSING' || f.code === 'HELMRELEASE_SOURCE_MISSING').map((f) => `${f.code} ${f.source.file}${f.code === 'NAMESPACE_MISSING' ? ` ${f.message.slice(10, f.message.indexOf(' is created'))}${f.message.includes('is not listed in its folder') ? ' (unlisted manifest named)' : ''}` : ''}`).sort();
  };

  it('with a targetNamespace, only that namespace may come from it', async () => {
    expect(await codes('keycloak')).toEqual([
      'HELMRELEASE_SOURCE_MISSING apps/dns/release.yaml',
      'NAMESPACE_MISSING apps/dns/release.yaml dns',
      'NAMESPACE_MISSING apps/web/release.yaml web',
    ]);
    // Its own namespace, and a source there, are excused.
    expect(await codes('web')).toEqual(['HELMRELEASE_SOURCE_MISSING apps/dns/release.yaml', 'NAMESPACE_MISSING apps/dns/release.yaml dns']);
  });

  it('without one, anything may come from it: silent', async () => {
    expect(await codes(null)).toEqual([]);
  });

  it('a Namespace manifest left out of its built folder makes no namespace, and is named', async () => {
    const said = await codes('keycloak', (put) => {
      put('apps/namespaces/kustomization.yaml', 'resources:\n  - web.yaml\n');
      put('apps/namespaces/web.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n');
      put('apps/namespaces/dns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dns\n');
      put('apps/kustomization.yaml', 'resources:\n  - namespaces\n  - web/release.yaml\n  - dns/release.yaml\n');
    });
    expect(said).toEqual(['HELMRELEASE_SOURCE_MISSING apps/dns/release.yaml', 'NAMESPACE_MISSING apps/dns/release.yaml dns (unlisted manifest named)']);
  });
});
