/**
 * An Ingress of the `tailscale` class is served by Tailscale's operator on the tailnet only, and on
 * the internet (Funnel) when `tailscale.com/funnel: "true"` says so. Its exposure was "unknown" (an
 * outside review of the pages: the class names neither internal nor external); the app's page can
 * say where it is reachable from. The same for a chart's ingress written in values.
 * https://tailscale.com/kb/1439/kubernetes-operator-cluster-ingress
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const ingress = (name: string, className: string, annotations = '') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: web\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  ingressClassName: ${className}\n  rules:\n    - host: ${name}\n`;

describe('a Tailscale ingress', () => {
  const repo = tempRepos(afterAll);

  it('is internal (the tailnet), external with Funnel; other classes as before', async () => {
    const r = repo('tailscale-ingress');
    bootstrap(r, 'prod');
    r.put('clusters/prod/web.yaml', fluxKustomization('web', './apps/web'));
    r.put('apps/web/kustomization.yaml', 'resources:\n  - ingresses.yaml\n  - release.yaml\n');
    r.put('apps/web/ingresses.yaml', [
      ingress('wiki', 'tailscale'),
      ingress('blog', 'tailscale', '    tailscale.com/funnel: "true"\n'),
      ingress('shop', 'nginx'),
    ].join('---\n'));
    r.put('apps/web/release.yaml', helmRelease({ name: 'notes', namespace: 'web', chart: 'app-template', values: '    ingress:\n      app:\n        className: tailscale\n        hosts:\n          - host: notes\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => `${e.name} ${e.exposure}`).sort()).toEqual(['blog external', 'notes (ingress.app) internal', 'shop unknown', 'wiki internal']);
  });
});
