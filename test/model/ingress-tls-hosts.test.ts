/**
 * A chart's `ingress` switched on with no host key of its own, its host named only in the tls entries
 * (nextcloud takes it from `nextcloud.host`): the chart renders one Ingress, an endpoint of the app
 * (outside review: the app had none). Switched off, it is none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { scanRepo } from '../../src/repo/scan.ts';
import { bootstrap, fluxKustomization, helmRelease, tempRepos } from '../support/temp-repo.ts';

const values = (enabled: boolean) =>
  `    nextcloud:\n      host: cloud.example.org\n    ingress:\n      enabled: ${enabled}\n      annotations:\n        cert-manager.io/cluster-issuer: letsencrypt\n      tls:\n        - hosts: [cloud.example.org]\n          secretName: tls-example\n`;

describe('an ingress known by its tls hosts', () => {
  const repo = tempRepos(afterAll);
  it('is an endpoint of the release where it is switched on', async () => {
    const r = repo('ingress-tls-hosts');
    bootstrap(r);
    r.put('clusters/prod/apps.yaml', [fluxKustomization('cloud', './apps/cloud'), fluxKustomization('off', './apps/off')].join('---\n'));
    r.put('apps/cloud/release.yaml', helmRelease({ name: 'nextcloud', namespace: 'cloud', values: values(true) }));
    r.put('apps/off/release.yaml', helmRelease({ name: 'other', namespace: 'off', values: values(false) }));
    const { model } = await scanRepo(r.root, parseConfig({}));
    expect(model.endpoints.map((e) => [e.name, e.kind, e.hosts, e.makesSecrets])).toEqual([['nextcloud (ingress)', 'Ingress', ['cloud.example.org'], ['tls-example']]]);
  });
});
