/**
 * What a Flux Operator ResourceSet makes, on the shapes of the operator's own documentation
 * (https://fluxcd.control-plane.io/operator/resourceset/): the multi-document resourcesTemplate with
 * `<<- range >>` and `<<- if >>`, an exclusion by annotation, `toYaml | nindent`, `get | default`,
 * deduplication of a shared source. What the evaluator does not run, or what stops the operator's
 * build, makes nothing and says why.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderTemplate } from '../../src/repo/build/go-template.ts';
import { expandResourceSet, type ProviderDoc } from '../../src/repo/build/resource-set.ts';

const set = (spec: string, name = 'apps') => parse(`apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n${spec}`) as Record<string, unknown>;
const made = (body: Record<string, unknown>, providers: ProviderDoc[] = []) => {
  const got = expandResourceSet(body, 'flux-system', providers);
  if (!got.ok) throw new Error(got.why);
  return got.objects.map((o) => o.body as { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> });
};

describe('a ResourceSet expanded', () => {
  it('fills in a multi-document resourcesTemplate with range and if, per input set', () => {
    const body = set(`  inputs:
    - bundle: addons
      decryption: false
      components:
        - ingress-nginx
        - cert-manager
    - bundle: apps
      decryption: true
      components:
        - frontend
        - backend
  resourcesTemplate: |
    ---
    apiVersion: source.toolkit.fluxcd.io/v1beta2
    kind: OCIRepository
    metadata:
      name: << inputs.bundle >>
      namespace: flux-system
    spec:
      interval: 10m
      url: oci://registry.example.com/<< inputs.bundle >>
    <<- range $component := inputs.components >>
    ---
    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: << $component >>
      namespace: flux-system
    spec:
      interval: 1h
      prune: true
      <<- if inputs.decryption >>
      decryption:
        provider: sops
        secretRef:
          name: << inputs.bundle >>-sops
      <<- end >>
      sourceRef:
        kind: OCIRepository
        name: << inputs.bundle >>
      path: ./<< $component >>
    <<- end >>
`);
    const objects = made(body);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['OCIRepository/addons', 'Kustomization/ingress-nginx', 'Kustomization/cert-manager', 'OCIRepository/apps', 'Kustomization/frontend', 'Kustomization/backend']);
    expect(objects.filter((o) => o.spec?.decryption !== undefined).map((o) => o.metadata.name)).toEqual(['frontend', 'backend']);
    expect(objects.find((o) => o.metadata.name === 'backend')?.spec).toMatchObject({ path: './backend', sourceRef: { kind: 'OCIRepository', name: 'apps' }, decryption: { secretRef: { name: 'apps-sops' } } });
    // The operator's owner labels, as it applies them.
    expect(objects[0]!.metadata.labels).toMatchObject({ 'resourceset.fluxcd.controlplane.io/name': 'apps', 'resourceset.fluxcd.controlplane.io/namespace': 'flux-system' });
  });

  it('fills in spec.resources: quote, int, toYaml | nindent, get | default; drops an excluded object; makes a shared one once', () => {
    const body = set(`  commonMetadata:
    labels:
      app.kubernetes.io/name: podinfo
  inputs:
    - tenant: "team1"
      app:
        version: "6.7.x"
        replicas: 2
      layerSelector:
        mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
        operation: copy
    - tenant: "team2"
      name: podinfo-blue
      app:
        version: "6.6.x"
        replicas: 3
      layerSelector:
        operation: extract
  resources:
    - apiVersion: source.toolkit.fluxcd.io/v1
      kind: OCIRepository
      metadata:
        name: podinfo
      spec:
        url: oci://ghcr.io/stefanprodan/charts/podinfo
        layerSelector: << inputs.layerSelector | toYaml | nindent 4 >>
    - apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: << get inputs "name" | default (printf "podinfo-%s" inputs.tenant) >>
        namespace: default
      spec:
        chartRef:
          kind: OCIRepository
          name: podinfo
        values:
          version: << inputs.app.version | quote >>
          replicaCount: << inputs.app.replicas | int >>
    - apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: flux
        namespace: << inputs.tenant >>
        annotations:
          fluxcd.controlplane.io/reconcile: << if eq inputs.tenant "team1" >>enabled<< else >>disabled<< end >>
`);
    const objects = made(body);
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['OCIRepository/flux-system/podinfo', 'HelmRelease/default/podinfo-team1', 'HelmRelease/default/podinfo-blue', 'ServiceAccount/team1/flux']);
    // The first input's source is the one applied (the operator keeps the first of a key).
    expect(objects[0]!.spec?.layerSelector).toEqual({ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' });
    expect(objects[2]!.spec?.values).toEqual({ version: '6.6.x', replicaCount: 3 });
    expect(objects[1]!.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'podinfo' });
  });

  it('reads a Static provider’s defaultValues as one more input set, with inputs.provider', () => {
    const body = set(`  inputs:
    - env: staging
  inputsFrom:
    - kind: ResourceSetInputProvider
      name: production
  resources:
    - apiVersion: v1
      kind: Namespace
      metadata:
        name: apps-<< inputs.env >>
        labels:
          provided-by: << inputs.provider.kind >>.<< inputs.provider.name >>
`);
    const providers = [{ name: 'production', labels: {}, body: parse('spec:\n  type: Static\n  defaultValues:\n    env: production\n') }];
    expect(made(body, providers).map((o) => `${o.metadata.name} ${o.metadata.labels?.['provided-by']}`)).toEqual(['apps-staging ResourceSet.apps', 'apps-production ResourceSetInputProvider.production']);
  });

  it('permutes the providers’ input sets under their normalised names, with the operator’s id of each choice', () => {
    const body = set(`  inputStrategy:
    name: Permute
  inputs:
    - cluster: alpha
    - cluster: beta
  inputsFrom:
    - kind: ResourceSetInputProvider
      name: app-version
  resources:
    - apiVersion: v1
      kind: ConfigMap
      metadata:
        name: << inputs.my_rset.cluster >>-<< inputs.app_version.tag >>
      data:
        id: << inputs.id | quote >>
`, 'my-rset');
    const providers = [{ name: 'app-version', labels: {}, body: parse('spec:\n  type: Static\n  defaultValues:\n    tag: v1\n') }];
    const objects = made(body, providers) as unknown as { metadata: { name: string }; data: { id: string } }[];
    expect(objects.map((o) => o.metadata.name)).toEqual(['alpha-v1', 'beta-v1']);
    // adler32("my_rset=0/app_version=0"), as internal/inputs/permuter.go computes it.
    expect(objects[0]!.data.id).toBe('1796343987');
  });

  it('says why it makes nothing: a provider only the cluster knows, a function it does not run, a key an input lacks', () => {
    const pr = set('  inputsFrom:\n    - kind: ResourceSetInputProvider\n      name: flux-appx-prs\n  resources:\n    - apiVersion: v1\n      kind: Namespace\n      metadata:\n        name: app-<< inputs.id >>\n');
    const prs = [{ name: 'flux-appx-prs', labels: {}, body: parse('spec:\n  type: GitHubPullRequest\n  url: https://github.com/controlplaneio-fluxcd/flux-appx\n') }];
    expect(expandResourceSet(pr, 'default', prs)).toEqual({ ok: false, why: 'its inputs come from ResourceSetInputProvider flux-appx-prs of type GitHubPullRequest, which the operator fetches in the cluster' });
    expect(expandResourceSet(pr, 'default', [])).toMatchObject({ ok: false, why: expect.stringContaining('which the repository does not hold') });
    const slug = set('  inputs:\n    - tenant: Team One\n  resources:\n    - apiVersion: v1\n      kind: Namespace\n      metadata:\n        name: << inputs.tenant | slugify >>\n');
    expect(expandResourceSet(slug, 'default', [])).toEqual({ ok: false, why: 'spec.resources[0] cannot be filled in, because it calls slugify, which the site does not run' });
    const missing = set('  inputs:\n    - tenant: a\n    - name: b\n  resources:\n    - apiVersion: v1\n      kind: Namespace\n      metadata:\n        name: << inputs.tenant >>\n');
    expect(expandResourceSet(missing, 'default', [])).toMatchObject({ ok: false, why: expect.stringContaining('map has no entry for key tenant') });
    const id = set('  inputs:\n    - tenant: a\n  resources:\n    - apiVersion: v1\n      kind: Namespace\n      metadata:\n        name: ns-<< inputs.id >>\n');
    expect(expandResourceSet(id, 'default', [])).toMatchObject({ ok: false, why: expect.stringContaining('inputs.id, which the operator computes in the cluster') });
  });
});

describe('the template subset', () => {
  it('trims around <<- and ->>, ranges over maps by key, keeps variables to their block', () => {
    expect(renderTemplate('a  <<- "b" ->>  c', null)).toEqual({ ok: true, text: 'abc' });
    expect(renderTemplate('<< range $k, $v := inputs.m >><< $k >>=<< $v >>;<< end >>', { m: { b: 2, a: 'x' } })).toEqual({ ok: true, text: 'a=x;b=2;' });
    expect(renderTemplate('<< with inputs.s >><< . | upper >><< else >>none<< end >>', { s: '' })).toEqual({ ok: true, text: 'none' });
    expect(renderTemplate('<< if inputs.n >>yes<< end >><< $x >>', { n: 1 })).toMatchObject({ ok: false, why: 'it reads $x, which is not declared' });
    // and/or stop at the argument that decides, as Go's do: a key not there is not read.
    expect(renderTemplate('<< if and (hasKey inputs "x") inputs.x >>x<< else >>none<< end >>', {})).toEqual({ ok: true, text: 'none' });
  });

  it('refuses what Go would refuse or the site does not run', () => {
    expect(renderTemplate('<< template "x" >>', null)).toEqual({ ok: false, why: 'it uses template' });
    expect(renderTemplate('<< inputs.m >>', { m: { a: 1 } })).toEqual({ ok: false, why: 'it prints a map as text' });
    expect(renderTemplate('<< eq inputs.n 2 >>', { n: 2 })).toMatchObject({ ok: false, why: expect.stringContaining('incompatible types for comparison') });
    expect(renderTemplate('<< if inputs.a >>', { a: true })).toEqual({ ok: false, why: 'its if has no end' });
  });
});
