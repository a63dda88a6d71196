/**
 * A HelmRelease's spec.dependsOn holds its install until the release it names is ready, as a
 * Kustomization's does: `postgres` (a release of the dojo app) waits for `cnpg` (the operator's app).
 * The app pages showed only Kustomization edges: dojo's dependencies lacked cnpg, and cnpg was
 * depended on by nothing (outside review).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

describe("an app's dependencies", () => {
  const repo = tempRepos(afterAll);

  it("include its releases' dependsOn, and the other side lists the app that waits", async () => {
    const r = repo("release-depends-on");
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('cnpg', './apps/cnpg', '  targetNamespace: cnpg-system\n'), fluxKustomization('dojo', './apps/dojo', '  targetNamespace: dojo\n')].join('---\n'));
    r.put('apps/cnpg/release.yaml', helmRelease({ name: 'cnpg', chart: 'cloudnative-pg' }));
    // (A release of the same app waiting for another of its own is no dependency of the app.)
    r.put('apps/dojo/releases.yaml', [
      helmRelease({ name: 'postgres', chart: 'cluster' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: cnpg\n      namespace: cnpg-system\n'),
      helmRelease({ name: 'dojo' }).replace('spec:\n', 'spec:\n  dependsOn:\n    - name: postgres\n'),
    ].join('---\n'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    const dojo = appFacts(model, 'dojo/dojo')!;
    expect(dojo.dependsOn.map((l) => [l.name, l.namespace, l.appId, l.ref.line])).toEqual([['cnpg', 'cnpg-system', 'cnpg-system/cnpg', 7]]);
    expect(appFacts(model, 'cnpg-system/cnpg')!.dependedOnBy.map((l) => l.appId)).toEqual(['dojo/dojo']);
  });
});
