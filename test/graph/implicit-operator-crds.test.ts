/**
 * The operators whose charts install their API group's CRDs, beside CloudNativePG: cert-manager,
 * MetalLB, Traefik, External Secrets, Longhorn, Kyverno, Rook, EMQX (outside review, thirty-third round:
 * a ClusterIssuer beside the cert-manager release in one Kustomization, and ClusterIssuers applied by a
 * Kustomization whose dependsOn never reaches cert-manager, said nothing). A release counts as the CRDs'
 * provider only where its chart installs them: cert-manager's does not unless its values switch them on,
 * Traefik's not with `install.crds: Skip`; then the CRDs come from an app of them alone or from their
 * manifests, and the resources wait for those.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const issuer = (name: string) => `apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: ${name}\nspec:\n  acme:\n    server: https://acme-v02.api.letsencrypt.org/directory\n    privateKeySecretRef:\n      name: ${name}\n    solvers:\n      - http01:\n          ingress:\n            ingressClassName: traefik\n`;
const crd = (plural: string, group: string) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${plural}.${group}\nspec:\n  group: ${group}\n`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;

async function findings(root: string, prefix: string) {
  const config = parseConfig({});
  const { model } = await scanRepo(root, config);
  return analyse(model, config).findings.filter((f) => f.code.startsWith(prefix));
}

describe('CRDs of the common operators', () => {
  const repo = tempRepos(afterAll);

  it('notes a ClusterIssuer beside a cert-manager release that installs the CRDs, not beside one that leaves them out', async () => {
    const r = repo('crds-cert-manager-same-build');
    bootstrap(r);
    r.put('clusters/prod/cert-manager.yaml', fluxKustomization('cert-manager', './infra/cert-manager', '  wait: true\n'));
    r.put('infra/cert-manager/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - release.yaml\n  - issuer.yaml\n');
    r.put('infra/cert-manager/namespace.yaml', namespace('cert-manager'));
    r.put('infra/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.18.2', values: '    crds:\n      enabled: true\n' }));
    r.put('infra/cert-manager/issuer.yaml', issuer('letsencrypt-staging'));
    const found = await findings(r.root, 'CRD_IN_SAME_BUILD');
    expect(found.map((f) => `${f.severity} ${f.source.file}`)).toEqual(['info clusters/prod/cert-manager.yaml']);
    expect(found[0]!.message).toContain('[cert-manager-crds] flux-system/cert-manager applies ClusterIssuer/_cluster/letsencrypt-staging together with HelmRelease cert-manager/cert-manager');
    // The older switch says the same.
    r.put('infra/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.18.2', values: '    installCRDs: true\n' }));
    expect((await findings(r.root, 'CRD_IN_SAME_BUILD')).map((f) => f.source.file)).toEqual(['clusters/prod/cert-manager.yaml']);
    // The chart's default installs no CRDs: the release is no deadlock; whatever installs them is not in
    // the repository, so nothing is said of the order either.
    r.put('infra/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.18.2', values: '    replicaCount: 1\n' }));
    expect(await findings(r.root, 'CRD_IN_SAME_BUILD')).toEqual([]);
    expect(await findings(r.root, 'IMPLICIT_DEPENDENCY')).toEqual([]);
  });

  it('orders issuers after the release that installs the CRDs, or after the CRDs where the release does not', async () => {
    const r = repo('crds-cert-manager-order');
    bootstrap(r);
    r.put('clusters/prod/cert-manager.yaml', fluxKustomization('cert-manager', './infra/cert-manager', '  wait: true\n'));
    r.put('clusters/prod/issuers.yaml', fluxKustomization('cert-manager-issuers', './infra/issuers', '  dependsOn:\n    - name: ingress\n'));
    r.put('clusters/prod/ingress.yaml', fluxKustomization('ingress', './infra/ingress'));
    r.put('infra/cert-manager/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - release.yaml\n');
    r.put('infra/cert-manager/namespace.yaml', namespace('cert-manager'));
    r.put('infra/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.18.2', values: '    crds:\n      enabled: true\n' }));
    r.put('infra/issuers/kustomization.yaml', 'resources:\n  - issuer.yaml\n');
    r.put('infra/issuers/issuer.yaml', issuer('letsencrypt-production'));
    r.put('infra/ingress/kustomization.yaml', 'resources:\n  - namespace.yaml\n');
    r.put('infra/ingress/namespace.yaml', namespace('ingress'));
    const missing = await findings(r.root, 'IMPLICIT_DEPENDENCY');
    expect(missing.map((f) => `${f.code} ${f.source.file}`)).toEqual(['IMPLICIT_DEPENDENCY_MISSING clusters/prod/issuers.yaml']);
    expect(missing[0]!.message).toContain('[cert-manager-crds] flux-system/cert-manager-issuers (ClusterIssuer/_cluster/letsencrypt-production) does not depend');
    expect(missing[0]!.message).toContain('Add dependsOn: [{ name: cert-manager, namespace: flux-system }]');
    // The release leaves the CRDs out; a Kustomization of their manifests installs them: the issuers
    // wait for that one, not for the release.
    r.put('infra/cert-manager/release.yaml', helmRelease({ name: 'cert-manager', namespace: 'cert-manager', version: 'v1.18.2' }));
    r.put('clusters/prod/crds.yaml', fluxKustomization('crds', './infra/crds'));
    r.put('infra/crds/kustomization.yaml', 'resources:\n  - crds.yaml\n');
    r.put('infra/crds/crds.yaml', `${crd('clusterissuers', 'cert-manager.io')}---\n${crd('certificates', 'cert-manager.io')}`);
    const again = await findings(r.root, 'IMPLICIT_DEPENDENCY');
    expect(again.map((f) => f.source.file)).toEqual(['clusters/prod/issuers.yaml']);
    expect(again[0]!.message).toContain('does not depend, directly or transitively, on flux-system/crds.');
    r.put('clusters/prod/issuers.yaml', fluxKustomization('cert-manager-issuers', './infra/issuers', '  dependsOn:\n    - name: crds\n'));
    expect(await findings(r.root, 'IMPLICIT_DEPENDENCY')).toEqual([]);
  });

  it('finds the resources of MetalLB, Traefik (an IngressRoute too), Kyverno and External Secrets stores, not the ExternalSecrets their stores order', async () => {
    const r = repo('crds-operators');
    bootstrap(r);
    for (const [name, ns] of [['metallb', 'metallb-system'], ['traefik', 'traefik'], ['kyverno', 'kyverno'], ['external-secrets', 'external-secrets']] as const) {
      r.put(`clusters/prod/${name}.yaml`, fluxKustomization(name, `./infra/${name}`, `  targetNamespace: ${ns}\n  wait: true\n`));
      r.put(`infra/${name}/kustomization.yaml`, 'resources:\n  - namespace.yaml\n  - release.yaml\n');
      r.put(`infra/${name}/namespace.yaml`, namespace(ns));
      r.put(`infra/${name}/release.yaml`, helmRelease({ name }));
    }
    // One Kustomization with a resource of each, depending on none of them.
    r.put('clusters/prod/config.yaml', fluxKustomization('config', './infra/config'));
    r.put('infra/config/kustomization.yaml', 'resources:\n  - namespace.yaml\n  - config.yaml\n');
    r.put('infra/config/namespace.yaml', namespace('web'));
    r.put(
      'infra/config/config.yaml',
      [
        'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: pool\n  namespace: metallb-system\nspec:\n  addresses: [192.168.1.240-192.168.1.250]\n',
        'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: web\n  namespace: web\nspec:\n  routes:\n    - match: Host(`web.example.com`)\n      kind: Rule\n      services:\n        - name: web\n          port: 80\n',
        'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: require-labels\nspec:\n  rules: []\n',
        'apiVersion: external-secrets.io/v1\nkind: ClusterSecretStore\nmetadata:\n  name: vault\nspec:\n  provider:\n    vault:\n      server: https://vault.example.com\n',
      ].join('---\n'),
    );
    // An app whose ExternalSecret depends on the store's Kustomization only: external-secret-store's
    // concern, and the store's Kustomization is this rule's.
    r.put('clusters/prod/app.yaml', fluxKustomization('app', './apps/app', '  targetNamespace: web\n  dependsOn:\n    - name: config\n'));
    r.put('apps/app/kustomization.yaml', 'resources:\n  - secret.yaml\n');
    r.put('apps/app/secret.yaml', 'apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: app\nspec:\n  secretStoreRef:\n    kind: ClusterSecretStore\n    name: vault\n  target:\n    name: app\n  dataFrom:\n    - extract:\n        key: app\n');
    const found = await findings(r.root, 'IMPLICIT_DEPENDENCY');
    expect(found.map((f) => `${f.code} ${f.source.file} ${f.message.slice(0, f.message.indexOf(']') + 1)}`)).toEqual([
      'IMPLICIT_DEPENDENCY_MISSING clusters/prod/config.yaml [external-secrets-crds]',
      'IMPLICIT_DEPENDENCY_MISSING clusters/prod/config.yaml [kyverno-crds]',
      'IMPLICIT_DEPENDENCY_MISSING clusters/prod/config.yaml [metallb-crds]',
      'IMPLICIT_DEPENDENCY_MISSING clusters/prod/config.yaml [traefik-crds]',
    ]);
    expect(found.find((f) => f.message.includes('[traefik-crds]'))!.message).toContain('(IngressRoute/web/web)');
    expect(found.find((f) => f.message.includes('[kyverno-crds]'))!.message).toContain('(ClusterPolicy/_cluster/require-labels)');
    // Releases that leave the CRDs out provide none: MetalLB's `crds.enabled: false`, Traefik's
    // `install.crds: Skip` (its CRDs are in the chart's crds/ folder).
    r.put('infra/metallb/release.yaml', helmRelease({ name: 'metallb', values: '    crds:\n      enabled: false\n' }));
    r.put('infra/traefik/release.yaml', helmRelease({ name: 'traefik' }).replace('spec:\n', 'spec:\n  install:\n    crds: Skip\n'));
    const left = await findings(r.root, 'IMPLICIT_DEPENDENCY');
    expect(left.map((f) => f.message.slice(0, f.message.indexOf(']') + 1))).toEqual(['[external-secrets-crds]', '[kyverno-crds]']);
  });
});
