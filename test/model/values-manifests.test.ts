/**
 * Manifests a chart renders from its values as written (`extraObjects`, Bitnami's `extraDeploy`): an
 * outside review found traefik's dashboard Ingress under `extraObjects` missing from the app page, and
 * homelabs commonly keep cert-manager's ClusterIssuers there. Each is an object of the release's build,
 * in the release's namespace unless it names one; template strings are not read; a Secret's values
 * there are wiped like any Secret's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const release = (name: string, namespace: string, values: string) => helmRelease({ name, namespace, values });

describe("a chart's extraObjects", () => {
  const repo = tempRepos(afterAll);

  it('are objects of the release: endpoints, issuers and Secrets with their values wiped', async () => {
    const { root, put } = repo('values-manifests');
    put('clusters/home/apps.yaml', fluxKustomization('apps', './apps'));
    put(
      'apps/traefik/release.yaml',
      release(
        'traefik',
        'traefik',
        `    extraObjects:
      - apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: traefik-dashboard
        spec:
          ingressClassName: traefik
          rules:
            - host: traefik.example.com
      - |
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "{{ .Release.Name }}-rendered"
      - apiVersion: v1
        kind: ConfigMap
        metadata:
          name: "{{ .Release.Name }}-config"
      - apiVersion: v1
        kind: Secret
        metadata:
          name: dashboard-auth
        stringData:
          users: CANARYextraobjects
      - apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: dashboard
          namespace: "{{ .Release.Namespace }}"
        spec:
          podSelector: {}
      - apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: whoami
        spec:
          rules:
            - host: whoami.example.com
`,
      ),
    );
    put(
      'apps/cert-manager/release.yaml',
      release('cert-manager', 'cert-manager', '    extraObjects:\n      - apiVersion: cert-manager.io/v1\n        kind: ClusterIssuer\n        metadata:\n          name: letsencrypt\n        spec:\n          acme:\n            server: https://acme-v02.api.letsencrypt.org/directory\n'),
    );
    put('apps/traefik/whoami.yaml', 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: whoami\n  namespace: traefik\nspec:\n  rules:\n    - host: whoami.example.com\n');
    put('apps/traefik/kustomization.yaml', 'resources:\n  - release.yaml\n  - whoami.yaml\n');
    const config = parseConfig({});
    const { model } = await scanRepo(root, config);
    const extra = model.objects.filter((o) => o.source.file.endsWith('release.yaml') && o.kind !== 'HelmRelease');
    expect(extra.map((o) => [o.id, o.appId, o.owner, o.source.line])).toEqual([
      ['ClusterIssuer/_cluster/letsencrypt', 'cert-manager/cert-manager', 'Kustomization/flux-system/apps', 18],
      ['Ingress/traefik/traefik-dashboard', 'traefik/traefik', 'Kustomization/flux-system/apps', 18],
      ['Ingress/traefik/whoami', 'traefik/traefik', 'Kustomization/flux-system/apps', 48],
      // `{{ .Release.Namespace }}` is the release's namespace.
      ['NetworkPolicy/traefik/dashboard', 'traefik/traefik', 'Kustomization/flux-system/apps', 41],
      ['Secret/traefik/dashboard-auth', 'traefik/traefik', 'Kustomization/flux-system/apps', 35],
    ]);
    expect(model.endpoints.filter((e) => e.kind === 'Ingress' && e.name === 'traefik-dashboard').map((e) => e.hosts)).toEqual([['traefik.example.com']]);
    const findings = analyse(model, config).findings;
    // The literal value was wiped where it is written: a literal, not a `${VAR}` substitution.
    expect(findings.filter((f) => f.code.startsWith('PLAIN_SECRET')).map((f) => [f.code, f.severity])).toEqual([['PLAIN_SECRET', 'error']]);
    // The same Ingress as a manifest and in the chart's values: Helm, not kustomize, refuses it.
    expect(findings.filter((f) => f.code === 'DUPLICATE_OBJECT').map((f) => f.message)).toEqual([
      expect.stringContaining('HelmRelease traefik renders it from its values too, and Helm will not install an object another manager owns'),
    ]);
    expect(model.secrets.map((s) => [s.id, s.keys])).toEqual([['Secret/traefik/dashboard-auth', ['users']]]);
    expect(JSON.stringify(model)).not.toContain('CANARYextraobjects');
  });
});
