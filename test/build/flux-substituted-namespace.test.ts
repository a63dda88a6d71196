import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

/**
 * Flux substitutes `${VAR}` after the kustomize build, in namespaces too: a HelmRelease written
 * `namespace: ${APP_NS}` (or under a kustomization.yaml's `namespace: ${APP_NS}`) lands in the
 * variable's value. The model kept the namespace as written, so a dependsOn on it was a false
 * DEPENDS_ON_MISSING error ("exists in namespace '${APP_NS}'").
 */
describe('a namespace written as a postBuild variable', () => {
  const repo = tempRepos(afterAll);
  const setUp = (name: string, kustomization: string, dbNamespace?: string) => {
    const r = repo(name);
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('apps', './apps', '  postBuild:\n    substitute:\n      APP_NS: media\n'));
    r.put('apps/kustomization.yaml', 'resources:\n  - ./db\n  - web.yaml\n');
    r.put('apps/db/kustomization.yaml', `${kustomization}resources:\n  - hr.yaml\n`);
    r.put('apps/db/hr.yaml', helmRelease({ name: 'db', ...(dbNamespace ? { namespace: dbNamespace } : {}) }));
    r.put('apps/web.yaml', helmRelease({ name: 'web', namespace: 'media' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: db\n'));
    return r;
  };
  const check = async (root: string) => {
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const db = model.helmReleases.find((h) => h.name === 'db');
    const { findings } = analyse(model, config);
    return { namespace: db?.namespace, missing: findings.filter((f) => f.code === 'DEPENDS_ON_MISSING').map((f) => f.message) };
  };

  it("is the variable's value, in the object's own metadata", async () => {
    expect(await check(setUp('ns-var-object', '', '${APP_NS}').root)).toEqual({ namespace: 'media', missing: [] });
  });

  it("is the variable's value, from a kustomization.yaml's namespace", async () => {
    expect(await check(setUp('ns-var-kustomize', 'namespace: ${APP_NS}\n').root)).toEqual({ namespace: 'media', missing: [] });
  });

  it('stays missing where the release is really elsewhere', async () => {
    expect((await check(setUp('ns-var-elsewhere', '', 'databases').root)).missing).toHaveLength(1);
  });
});

describe('one object built by two Kustomizations that give its namespace variable the same value', () => {
  const repo = tempRepos(afterAll);

  it('is one object of two owners, as with a namespace written as it is (no second id; the double apply is said once)', async () => {
    const r = repo('ns-var-twice');
    bootstrap(r);
    const ks = (name: string) => fluxKustomization(name, './apps/shared', '  postBuild:\n    substitute:\n      APP_NS: team-a\n');
    r.put('clusters/prod/apps.yaml', `${ks('db-a')}---\n${ks('db-b')}`);
    r.put('apps/shared/hr.yaml', helmRelease({ name: 'db', namespace: '${APP_NS}' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.helmReleases.map((h) => h.id)).toEqual(['HelmRelease/team-a/db']);
    // Both Kustomizations apply it: said once, of the one object (not "defined twice" with a second id).
    expect(model.findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => f.message.split(':')[0])).toEqual([
      'HelmRelease/team-a/db is in the builds of 2 Flux Kustomizations, Kustomization/flux-system/db-a and Kustomization/flux-system/db-b',
    ]);
  });
});
