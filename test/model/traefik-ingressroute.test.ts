/**
 * How an app is reached, beyond Ingress and HTTPRoute: a Traefik IngressRoute (traefik.io, and the
 * older traefik.containo.us group) names its hosts in each route's `match` rule; a Gateway API
 * GRPCRoute in `spec.hostnames`. The app page listed none of them (a public k3s repository's apps
 * all showed no endpoint).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { traefikHosts } from '../../src/repo/extract/route-refs.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { fluxKustomization, tempRepo } from '../support/temp-repo.ts';

describe('traefikHosts', () => {
  it('reads each Host matcher, one or several names, in backticks or quotes', () => {
    expect(traefikHosts('Host(`app.example.com`) && PathPrefix(`/api`)')).toEqual(['app.example.com']);
    expect(traefikHosts('Host(`a.example.com`, `b.example.com`)')).toEqual(['a.example.com', 'b.example.com']);
    expect(traefikHosts('Host("a.example.com") || Host(`c.example.com`)')).toEqual(['a.example.com', 'c.example.com']);
  });

  it('leaves out what is not a host name', () => {
    expect(traefikHosts('HostRegexp(`{sub:[a-z]+}.example.com`)')).toEqual([]);
    expect(traefikHosts('HostSNI(`*`)')).toEqual([]);
    expect(traefikHosts('PathPrefix(`/`)')).toEqual([]);
    expect(traefikHosts(`Host(\`a\`)${' '.repeat(5000)}`)).toEqual([]);
  });
});

const { root, put, remove } = tempRepo('traefik');
afterAll(remove);

describe('an app reached through Traefik and a GRPCRoute', () => {
  it('lists the IngressRoute and GRPCRoute hosts on its page', async () => {
    put('clusters/main/apps.yaml', fluxKustomization('web', './apps/web', '  targetNamespace: web\n'));
    put('apps/web/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - ingressroute.yaml\n  - grpcroute.yaml\n  - legacy.yaml\n');
    put('apps/web/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n');
    put('apps/web/ingressroute.yaml', 'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: web\nspec:\n  entryPoints:\n    - websecure\n  routes:\n    - match: Host(`web.example.com`) && PathPrefix(`/`)\n      kind: Rule\n      services:\n        - name: web\n          port: 80\n  tls:\n    certResolver: le\n');
    put('apps/web/grpcroute.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: web-grpc\nspec:\n  parentRefs:\n    - name: internal\n  hostnames:\n    - grpc.web.example.com\n');
    put('apps/web/legacy.yaml', 'apiVersion: traefik.containo.us/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: web-legacy\n  annotations:\n    kubernetes.io/ingress.class: traefik-external\nspec:\n  routes:\n    - match: Host(`old.example.com`, `older.example.com`)\n      kind: Rule\n      services:\n        - name: web\n          port: 80\n');
    const { model } = await scanRepo(root, parseConfig({}));
    const facts = appFacts(model, model.apps.find((a) => a.name === 'web')!.id)!;
    expect(facts.endpoints.map((e) => [e.kind, e.name, e.hosts, e.className, e.exposure])).toEqual([
      ['GRPCRoute', 'web-grpc', ['grpc.web.example.com'], 'internal', 'internal'],
      ['IngressRoute', 'web', ['web.example.com'], 'websecure', 'unknown'],
      ['IngressRoute', 'web-legacy', ['old.example.com', 'older.example.com'], 'traefik-external', 'external'],
    ]);
    expect(facts.endpoints.map((e) => e.ref.line)).toEqual([1, 1, 1]);
  });
});
