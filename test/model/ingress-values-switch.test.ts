/**
 * A chart's top-level `ingress` block that lists its hosts is an Ingress only once switched on
 * (`enabled: true`): podinfo, like most charts, defaults `ingress.enabled` to false and renders
 * nothing for hosts alone (outside review: podinfo's `ingress.hosts` without `enabled` was listed as
 * an Ingress). app-template renders each named block (`ingress.app`) unless it says `enabled: false`;
 * another chart's named block is one only when switched on, as its subcharts' are.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const podinfoHosts = '      className: nginx\n      hosts:\n        - host: podinfo.example.org\n          paths:\n            - path: /\n              pathType: ImplementationSpecific\n';

describe('a chart ingress block with hosts', () => {
  const repo = tempRepos(afterAll);
  it('is an Ingress where switched on, or an app-template named block; not hosts alone', async () => {
    const r = repo('ingress-values-switch');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', fluxKustomization('demo', './apps/demo', '  targetNamespace: demo\n'));
    r.put('apps/demo/kustomization.yaml', 'resources:\n  - podinfo.yaml\n  - podinfo-on.yaml\n  - web.yaml\n  - legacy.yaml\n');
    r.put('apps/demo/podinfo.yaml', helmRelease({ name: 'podinfo', values: `    ingress:\n${podinfoHosts}` }));
    r.put('apps/demo/podinfo-on.yaml', helmRelease({ name: 'podinfo-on', chart: 'podinfo', values: `    ingress:\n      enabled: true\n${podinfoHosts}` }));
    r.put('apps/demo/web.yaml', helmRelease({ name: 'web', chart: 'app-template', values: '    controllers:\n      web:\n        containers:\n          app:\n            image:\n              repository: nginx\n              tag: 1.27.0\n    ingress:\n      app:\n        className: internal\n        hosts:\n          - host: web.example.org\n            paths:\n              - path: /\n                service:\n                  identifier: app\n' }));
    // A chart of the old common library: its named blocks default to off.
    r.put('apps/demo/legacy.yaml', helmRelease({ name: 'legacy', values: '    ingress:\n      main:\n        hosts:\n          - host: legacy.example.org\n      admin:\n        enabled: true\n        hosts:\n          - host: admin.example.org\n' }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.hosts])).toEqual([
      ['legacy (ingress.admin)', ['admin.example.org']],
      ['podinfo-on (ingress)', ['podinfo.example.org']],
      ['web (ingress.app)', ['web.example.org']],
    ]);
  });
});
