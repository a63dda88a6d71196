/**
 * Contour's HTTPProxy is how an app is reached where Contour is the ingress controller: a root proxy's
 * `spec.virtualhost.fqdn` is the app's host (outside review: a repository's only ingress hosts were on
 * no page). A proxy another includes has no virtual host of its own. Its TLS Secret is used.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { appFacts } from '../../src/lib/site/app-facts.ts';
import { analyse } from '../../src/analysis/index.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const proxy = (name: string, ns: string, virtualhost: string) =>
  `apiVersion: projectcontour.io/v1\nkind: HTTPProxy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${virtualhost}  routes:\n    - services:\n        - name: ${name}\n          port: 80\n`;

describe('Contour HTTPProxy', () => {
  const repo = tempRepos(afterAll);

  it('is an endpoint with its virtual host', async () => {
    const r = repo('contour-httpproxy');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', fluxKustomization('grafana', './apps/grafana'));
    r.put('apps/grafana/kustomization.yaml', 'resources:\n  - ./namespace.yaml\n  - ./proxy.yaml\n  - ./included.yaml\n');
    r.put('apps/grafana/namespace.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: observability\n');
    r.put('apps/grafana/proxy.yaml', proxy('grafana', 'observability', '  ingressClassName: contour\n  virtualhost:\n    fqdn: grafana.home.example\n    tls:\n      secretName: grafana-tls\n'));
    r.put('apps/grafana/included.yaml', proxy('grafana-api', 'observability', ''));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.kind, e.name, e.hosts, e.className])).toEqual([
      ['HTTPProxy', 'grafana', ['grafana.home.example'], 'contour'],
      ['HTTPProxy', 'grafana-api', [], null],
    ]);
    const app = model.apps.find((a) => a.name === 'grafana')!;
    const facts = appFacts(model, app.id)!;
    expect(JSON.stringify(facts)).toContain('grafana.home.example');
    // Its virtual host's TLS Secret is one the app uses (code review: lost when it became an endpoint).
    expect(facts.secrets.used.map((u) => u.name)).toContain('grafana-tls');
  });
});

describe('Contour as an operator', () => {
  const repo = tempRepos(afterAll);

  it('is judged for monitoring like the other ingress controllers (outside review: unmonitored, nothing said)', async () => {
    const r = repo('contour-monitoring');
    bootstrap(r, 'home');
    r.put('clusters/home/apps.yaml', ['kube-prometheus-stack', 'contour'].map((n) => fluxKustomization(n, `./apps/${n}`)).join('---\n'));
    r.put('apps/kube-prometheus-stack/release.yaml', helmRelease({ name: 'kube-prometheus-stack', namespace: 'monitoring' }));
    r.put('apps/contour/release.yaml', helmRelease({ name: 'contour', namespace: 'projectcontour' }));
    const config = parseConfig({});
    const { model } = await scanRepo(r.root, config);
    const missing = analyse(model, config).findings.filter((f) => f.code === 'MONITORING_MISSING').map((f) => f.appId);
    expect(missing).toContain('projectcontour/contour');
  });
});
