/**
 * Flux appends spec.components to the kustomization.yaml at the Kustomization's path, so a
 * component's patches run over the path's objects too. Only the component's own objects were added:
 * an ingress its patch adds to the app's HelmRelease was missing from the app's page (outside review).
 * The oracle is kubectl kustomize of the same folder with the component written into its list; the
 * same component listed in a kustomization.yaml was already patched.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
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

  // kustomize runs a kustomization's components (Flux's among them) before its own patches and
  // transformers: the staging folder's own pin (4.11.0) wins over the component's (4.12.1), and the
  // folder's namePrefix renames the component's ConfigMap too (outside review: the component ran last,
  // and its objects were copied as written). The oracle is the folder with the component in its list,
  // as the kustomize-controller writes it.
  it('runs before the path’s own patches and transformers, which then run over its objects too', async () => {
    const pin = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - settings.yaml\npatches:\n  - target:\n      kind: HelmRelease\n      name: ingress-nginx\n    patch: |\n      - op: replace\n        path: /spec/chart/spec/version\n        value: 4.12.1\n';
    const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  pinned: "true"\n';
    const staging = (components: string) =>
      `resources:\n  - ../base\n${components}namePrefix: staging-\npatches:\n  - target:\n      kind: HelmRelease\n      name: ingress-nginx\n    patch: |\n      - op: replace\n        path: /spec/chart/spec/version\n        value: 4.11.0\n`;
    const write = (r: ReturnType<typeof repo>, components: string) => {
      r.put('infra/base/kustomization.yaml', 'resources:\n  - release.yaml\n');
      r.put('infra/base/release.yaml', helmRelease({ name: 'ingress-nginx', version: '4.10.0' }));
      r.put('infra/staging/kustomization.yaml', staging(components));
      r.put('components/pin/kustomization.yaml', pin);
      r.put('components/pin/settings.yaml', settings);
    };
    const r = repo('flux-component-order');
    bootstrap(r, 'staging');
    r.put('clusters/staging/infra.yaml', fluxKustomization('infra', './infra/staging', '  targetNamespace: ingress\n  components:\n    - ../../components/pin\n'));
    write(r, '');
    const { model } = await scanRepo(r.root, parseConfig({}));
    const release = model.helmReleases.find((h) => h.name === 'staging-ingress-nginx')!;
    expect(release.chart.version).toBe('4.11.0');
    expect(model.objects.filter((o) => o.kind === 'ConfigMap').map((o) => `${o.namespace}/${o.name}`)).toEqual(['ingress/staging-settings']);
    const oracle = repo('flux-component-order-oracle');
    write(oracle, 'components:\n  - ../../components/pin\n');
    const built = kubectlKustomize(join(oracle.root, 'infra/staging'));
    if (built === 'absent') return;
    expect(built).not.toBe('failed');
    const objects = parseAllDocuments((built as { output: string }).output).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: { chart?: { spec?: { version?: string } } } });
    expect(objects.map((o) => `${o.kind} ${o.metadata.name} ${o.spec?.chart?.spec?.version ?? ''}`.trim()).sort()).toEqual(['ConfigMap staging-settings', `HelmRelease ${release.name} ${release.chart.version}`]);
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
