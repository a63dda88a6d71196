/**
 * Flux appends spec.components to the kustomization.yaml at the Kustomization's path, so a
 * component's patches run over the path's objects too. Only the component's own objects were added:
 * an ingress its patch adds to the app's HelmRelease was missing from the app's page (outside review).
 * The oracle is kubectl kustomize of the same folder with the component written into its list; the
 * same component listed in a kustomization.yaml was already patched.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { kubectlKustomize } from '../support/kubectl.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const component = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - target:\n      kind: HelmRelease\n    patch: |-\n      - op: add\n        path: /spec/values/ingress\n        value:\n          enabled: true\n          className: external\n          hosts:\n            - host: web.example.com\n';

describe('a Flux spec.components entry with patches', () => {
  const repo = tempRepos(afterAll);

  it('patches the path’s objects, as kustomize does with the component in the list', async () => {
    const r = repo('flux-component-patches');
    bootstrap(r, 'prod');
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n  components:\n    - ../../components/public\n'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/web/release.yaml', helmRelease({ name: 'web', values: '    replicas: 1\n' }));
    r.put('components/public/kustomization.yaml', component);
    // What kustomize builds once the component is in the list (as Flux writes it).
    r.put('apps/oracle/kustomization.yaml', 'resources:\n  - ../web\ncomponents:\n  - ../../components/public\n');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const release = model.helmReleases.find((h) => h.name === 'web')!;
    expect((release.values as { ingress?: unknown }).ingress).toEqual({ enabled: true, className: 'external', hosts: [{ host: 'web.example.com' }] });
    expect(model.endpoints.map((e) => `${e.hosts.join(',')} ${e.exposure}`)).toEqual(['web.example.com external']);
    const built = kubectlKustomize(join(r.root, 'apps/oracle'));
    if (built !== 'absent') expect(built === 'failed' ? null : (parse(built.output) as { spec: { values: { ingress: unknown } } }).spec.values.ingress).toEqual((release.values as { ingress?: unknown }).ingress);
  });

  it('leaves another Kustomization of the same path without the component unpatched', async () => {
    const r = repo('flux-component-patches-shared');
    bootstrap(r, 'prod');
    r.put('clusters/prod/web.yaml', `${fluxKustomization('web', './apps/web', '  targetNamespace: web\n  components:\n    - ../../components/public\n')}---\n${fluxKustomization('web-internal', './apps/web', '  targetNamespace: web-internal\n')}`);
    r.put('apps/web/kustomization.yaml', 'resources:\n  - release.yaml\n');
    r.put('apps/web/release.yaml', helmRelease({ name: 'web', values: '    replicas: 1\n' }));
    r.put('components/public/kustomization.yaml', component);
    const { model } = await scanRepo(r.root, parseConfig({}));
    const byNs = Object.fromEntries(model.helmReleases.map((h) => [h.namespace, (h.values as { ingress?: unknown }).ingress !== undefined]));
    expect(byNs).toEqual({ web: true, 'web-internal': false });
  });
});
