/**
 * A host written as nested Flux defaults, `${HOST:=${SUBDOMAIN:=${APP}}.${ZONE}}`, where the
 * Kustomization sets APP and SUBDOMAIN but not ZONE. drone/envsubst evaluates every nested argument
 * of the default on its own, so Flux writes `docs.` plus ZONE's value; an outside review found the
 * route's host shown as the default's raw text `${SUBDOMAIN:=${APP}}.${ZONE}`, as if nothing had been
 * substituted. Only the unknown variable stays as written.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, tempRepos } from '../support/temp-repo.ts';

const route = (host: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: docs\nspec:\n  hostnames:\n    - "${host}"\n  parentRefs:\n    - name: internal\n      namespace: network\n`;

describe('a route host from nested defaults with one unknown variable', () => {
  const repo = tempRepos(afterAll);

  it('resolves the known inner defaults and keeps only the unknown variable as written', async () => {
    const r = repo('nested-default-host');
    bootstrap(r, 'prod');
    r.put('clusters/prod/docs.yaml', fluxKustomization('docs', './apps/docs', '  targetNamespace: web\n  postBuild:\n    substitute:\n      APP: wiki\n      SUBDOMAIN: docs\n'));
    r.put('apps/docs/kustomization.yaml', 'resources:\n  - route.yaml\n');
    r.put('apps/docs/route.yaml', route('${HOST:=${SUBDOMAIN:=${APP}}.${ZONE}}'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => e.hosts)).toEqual([['docs.${ZONE}']]);
  });

  it('still resolves fully when every variable is known', async () => {
    const r = repo('nested-default-host-known');
    bootstrap(r, 'prod');
    r.put('clusters/prod/docs.yaml', fluxKustomization('docs', './apps/docs', '  targetNamespace: web\n  postBuild:\n    substitute:\n      APP: wiki\n      ZONE: example.org\n'));
    r.put('apps/docs/kustomization.yaml', 'resources:\n  - route.yaml\n');
    r.put('apps/docs/route.yaml', route('${HOST:=${SUBDOMAIN:=${APP}}.${ZONE}}'));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => e.hosts)).toEqual([['wiki.example.org']]);
  });
});
